package org.steward.workflow.request;

/** Where a request stands; kept on the request so lists never ask the engine. */
public enum RequestStatus {
    DRAFT, STEWARD_REVIEW, CHANGES_REQUESTED, PRIVACY_REVIEW, AGREEMENT_SIGNING, DELIVERY, DELIVERED, IN_FORCE,
    EXPIRED, TERMINATED, REJECTED, WITHDRAWN, IN_REVIEW;

    /** The status in the words city staff use, on pages and in emails; a step an admin added shows its own name. */
    public String inPlainWords(String step) {
        return switch (this) {
            case DRAFT -> "Draft: not sent yet";
            case STEWARD_REVIEW -> "Waiting for the data stewards";
            case CHANGES_REQUESTED -> "Changes requested: waiting for the requester";
            case PRIVACY_REVIEW -> "With the privacy office";
            case AGREEMENT_SIGNING -> "Waiting for signatures";
            case DELIVERY -> "Being delivered";
            case DELIVERED -> "Delivered";
            case IN_FORCE -> "Delivered under an agreement in force";
            case EXPIRED -> "The agreement has expired";
            case TERMINATED -> "Ended early";
            case REJECTED -> "Rejected";
            case WITHDRAWN -> "Withdrawn by the requester";
            case IN_REVIEW -> step == null || step.isBlank() ? "In review" : step;
        };
    }
}
