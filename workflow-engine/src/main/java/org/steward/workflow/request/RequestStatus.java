package org.steward.workflow.request;

/** Where a request stands; kept on the request so lists never ask the engine. */
public enum RequestStatus {
    DRAFT, STEWARD_REVIEW, CHANGES_REQUESTED, PRIVACY_REVIEW, AGREEMENT_SIGNING, DELIVERY, DELIVERED, IN_FORCE,
    EXPIRED, TERMINATED, REJECTED, WITHDRAWN, IN_REVIEW
}
