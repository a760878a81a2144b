package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.steward.workflow.logs.LogContext;
import org.steward.workflow.task.Inbox;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After Spring Security: the logged-in person, and for a task's page or API call the request the task belongs to,
 * go into the logging context of the call ({@link RequestLogContext} clears them when it ends). An action link's
 * person is set by its page once the link is read.
 */
@Component
class PersonLogContext extends OncePerRequestFilter implements Ordered {

    private static final Pattern TASK_PATH = Pattern.compile("^/(?:api/)?tasks/([^/]+)(?:/.*)?$");

    private final Inbox tasks;

    PersonLogContext(Inbox tasks) {
        this.tasks = tasks;
    }

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            LogContext.user(authentication.getName());
            // Only for someone logged in: a stranger's guesses at task ids cost no look-up.
            Matcher path = TASK_PATH.matcher(Paths.of(request));
            if (path.matches()) {
                tasks.referenceOf(path.group(1)).ifPresent(LogContext::request);
            }
        }
        chain.doFilter(request, response);
    }
}
