package org.steward.notifications.preference;

import org.steward.workflow.request.RequestStatus;

/** The status emails a person can turn off, each with the words of the settings page. */
public enum StatusTopic {
    SUBMITTED("Your request was submitted or sent round again"),
    CHANGES_REQUESTED("Changes were asked for on your request"),
    REJECTED("Your request was rejected"),
    APPROVED("Your request was approved, or moved on to its next review"),
    AGREEMENT_READY("The agreement for your request is ready to sign"),
    IN_FORCE("The agreement is in force"),
    DELIVERED("The data was delivered"),
    EXPIRING("The agreement expires in 30 days"),
    EXPIRED("The agreement expired or was ended early"),
    WITHDRAWN("Your request was withdrawn"),
    COMMENTS("Someone commented on a request you are on");

    private final String label;

    StatusTopic(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The topic of a move from one status to another; null for a move nobody is told about (to a draft). */
    public static StatusTopic of(RequestStatus to) {
        return switch (to) {
            case STEWARD_REVIEW -> SUBMITTED;
            case CHANGES_REQUESTED -> CHANGES_REQUESTED;
            case REJECTED -> REJECTED;
            case PRIVACY_REVIEW, DELIVERY, IN_REVIEW -> APPROVED;
            case AGREEMENT_SIGNING -> AGREEMENT_READY;
            case IN_FORCE -> IN_FORCE;
            case DELIVERED -> DELIVERED;
            case EXPIRED, TERMINATED -> EXPIRED;
            case WITHDRAWN -> WITHDRAWN;
            case DRAFT -> null;
        };
    }
}
