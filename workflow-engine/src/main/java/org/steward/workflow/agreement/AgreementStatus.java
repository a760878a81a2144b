package org.steward.workflow.agreement;

/** Where a version of an agreement stands; a new round's version supersedes the one before. */
public enum AgreementStatus {
    DRAFT, OUT_FOR_SIGNATURE, IN_FORCE, EXPIRED, TERMINATED, SUPERSEDED;

    /** The status in the words city staff use, on every page and in the register. */
    public String inPlainWords() {
        return switch (this) {
            case DRAFT -> "Draft";
            case OUT_FOR_SIGNATURE -> "Out for signature";
            case IN_FORCE -> "In force";
            case EXPIRED -> "Expired";
            case TERMINATED -> "Terminated (ended early)";
            case SUPERSEDED -> "Replaced by a newer version";
        };
    }
}
