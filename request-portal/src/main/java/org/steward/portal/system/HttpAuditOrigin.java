package org.steward.portal.system;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.steward.workflow.audit.AuditOrigin;

/** The client address of the HTTP request being served, for the audit trail; none outside a request (a timer). */
@Component
class HttpAuditOrigin implements AuditOrigin {

    @Override
    public Optional<String> clientAddress() {
        // Spring keeps the request being served for its thread; jobs and timers run without one.
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.ofNullable(attributes.getRequest().getRemoteAddr()) : Optional.empty();
    }
}
