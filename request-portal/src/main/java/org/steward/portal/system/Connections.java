package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.steward.workflow.task.Client;

/** Where a person acts from, read off their HTTP request: kept with their decision as evidence. */
public final class Connections {

    private Connections() {
    }

    /** The request's client address and browser. */
    public static Client clientOf(HttpServletRequest request) {
        return new Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
