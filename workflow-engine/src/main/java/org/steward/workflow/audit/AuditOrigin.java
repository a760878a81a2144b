package org.steward.workflow.audit;

import java.util.Optional;

/**
 * Where the change being recorded came from: the client's address when it came over HTTP. The portal provides it from
 * the request being served; without one (a timer, a job), there is none.
 */
public interface AuditOrigin {

    /** The client's address, if the change came over HTTP. */
    Optional<String> clientAddress();
}
