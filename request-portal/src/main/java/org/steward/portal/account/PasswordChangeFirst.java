package org.steward.portal.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.steward.portal.system.Paths;
import org.steward.portal.system.PlainAnswers;
import org.steward.portal.system.StewardPrincipal;

/**
 * A person whose password an admin set uses nothing but their account page until they chose their own: pages send
 * them there, and everything else (the API, the engine's API, Cockpit, the actuator) answers 403 saying why. Runs after
 * Spring Security, which has logged the person in.
 */
class PasswordChangeFirst extends OncePerRequestFilter {

    static final String TITLE = "Change your password first";
    static final String DETAIL = "An admin set your password. Choose your own before anything else: on the page "
            + "/account, or with POST /api/account/password.";

    /** What stays open: the account page and its API, logging in and out, errors, and the pages' own files. */
    private static final Set<String> OPEN = Set.of("/account", "/account/password", "/api/account/password", "/login",
            "/logout", "/error", "/favicon.ico");
    private static final List<String> OPEN_FOLDERS = List.of("/css/", "/js/", "/vendor/", "/webjars/");

    private final PlainAnswers answers;

    PasswordChangeFirst(PlainAnswers answers) {
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication != null && authentication.getPrincipal() instanceof StewardPrincipal principal
                && principal.mustChangePassword()) || open(Paths.of(request))) {
            chain.doFilter(request, response);
            return;
        }
        String path = Paths.of(request);
        boolean page = !PlainAnswers.forPrograms(request) && !path.startsWith("/actuator")
                && ("GET".equals(request.getMethod())
                        || "HEAD".equals(request.getMethod()));
        if (page) {
            response.sendRedirect(request.getContextPath() + "/account");
        } else {
            answers.write(request, response, HttpStatus.FORBIDDEN, TITLE, DETAIL);
        }
    }

    private static boolean open(String path) {
        return OPEN.contains(path) || OPEN_FOLDERS.stream().anyMatch(path::startsWith);
    }
}
