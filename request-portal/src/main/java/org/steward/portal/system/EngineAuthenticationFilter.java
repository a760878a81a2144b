package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.steward.workflow.people.PeopleService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Tells the engine who acts during each request, so its history records who deployed or completed what. */
class EngineAuthenticationFilter extends OncePerRequestFilter {

    private final PeopleService people;
    private final CurrentPerson currentPerson;

    EngineAuthenticationFilter(PeopleService people, CurrentPerson currentPerson) {
        this.people = people;
        this.currentPerson = currentPerson;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        try (PeopleService.ActingAs acting = people.actAs(currentPerson.of(authentication))) {
            chain.doFilter(request, response);
        }
    }
}
