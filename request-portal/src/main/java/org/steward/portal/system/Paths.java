package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The address a request is served at, as the server maps it: decoded and without the context path, so that
 * {@code /engine%2Drest/...} is known as the engine's API it reaches.
 */
final class Paths {

    private static final UrlPathHelper DECODED = new UrlPathHelper();

    private Paths() {
    }

    static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String mapped = servletPath + pathInfo;
        return mapped.isEmpty() ? DECODED.getPathWithinApplication(request) : mapped;
    }

    static boolean isEngineRest(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/engine-rest") || path.startsWith("/engine-rest/");
    }

    static boolean isCamundaWebapps(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/camunda") || path.startsWith("/camunda/");
    }
}
