package org.steward.workflow.request;

/** Published inside the transaction that moved a request from one status to another. */
public record RequestStatusChanged(String reference, RequestStatus from, RequestStatus to, String step) {
}
