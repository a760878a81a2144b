package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The error page's own address, asked for directly, is a page that does not exist (404): the error controller behind
 * it draws other requests' errors and, asked on its own, knows no status and fell back to a bare 500.
 */
@Component
class ErrorPageAddress extends OncePerRequestFilter {

    private final String errorPath;

    ErrorPageAddress(@Value("${server.error.path:/error}") String errorPath) {
        this.errorPath = errorPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Paths.of(request).equals(errorPath) && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_NOT_FOUND);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        }
        chain.doFilter(request, response);
    }
}
