package org.steward.workflow.agreement;

/** Where a version of an agreement stands; a new round's version supersedes the one before. */
public enum AgreementStatus {
    DRAFT, OUT_FOR_SIGNATURE, IN_FORCE, EXPIRED, TERMINATED, SUPERSEDED
}
