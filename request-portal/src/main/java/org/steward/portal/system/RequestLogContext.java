package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.steward.workflow.logs.LogContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every line logged during an HTTP call about one request carries its reference: the pages and API addresses that
 * name it ({@code /requests/DR-2026-0001/...}, {@code /api/requests/DR-2026-0001/...}). The person and the request
 * of a task are added once the caller is known ({@link PersonLogContext}); both are cleared when the call ends, so
 * that nothing follows the pooled thread to the next call.
 */
@Component
class RequestLogContext extends OncePerRequestFilter implements Ordered {

    private static final Pattern REQUEST_PATH =
            Pattern.compile("^/(?:api/)?requests/([A-Z]{1,10}-\\d{4}-\\d{1,10})(?:/.*)?$");

    @Override
    public int getOrder() {
        // Outside every other filter, so that the lines they log carry the context and none keeps it after the call.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            Matcher path = REQUEST_PATH.matcher(Paths.of(request));
            if (path.matches()) {
                LogContext.request(path.group(1));
            }
            chain.doFilter(request, response);
        } finally {
            LogContext.clear();
        }
    }
}
