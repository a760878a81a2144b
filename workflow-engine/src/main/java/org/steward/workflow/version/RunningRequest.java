package org.steward.workflow.version;

import java.time.Instant;
import java.util.List;
import org.steward.workflow.request.RequestStatus;

/**
 * A process instance running on a version, as the admin pages show it: the request it carries (its reference is the
 * business key; title and status are empty for an instance that is no data request) and the steps it waits at.
 */
public record RunningRequest(String processInstanceId, String reference, String title, RequestStatus status,
        String statusStep, List<String> waitingAt, Instant startedAt) {

    public RunningRequest {
        waitingAt = List.copyOf(waitingAt);
    }

    /** Whether a data request of the portal stands behind the instance, so that its page can be linked. */
    public boolean isDataRequest() {
        return title != null;
    }

    /** How the request is named on a page: its reference, or the instance id when it has none. */
    public String label() {
        return reference == null || reference.isBlank() ? "Process instance " + processInstanceId : reference;
    }
}
