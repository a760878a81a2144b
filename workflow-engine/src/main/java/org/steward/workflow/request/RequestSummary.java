package org.steward.workflow.request;

import java.time.Instant;

/** A request in a list: what a row shows, read without its datasets. */
public record RequestSummary(String reference, String title, RequestStatus status, String statusStep,
        String requester, Instant createdAt, Instant updatedAt) {
}
