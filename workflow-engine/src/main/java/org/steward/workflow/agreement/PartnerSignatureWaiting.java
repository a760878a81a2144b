package org.steward.workflow.agreement;

/**
 * Published inside the transaction that created an outside party's signing task: their signatory has no account,
 * so notifications email them a signing link instead of a task email.
 */
public record PartnerSignatureWaiting(String requestReference, String taskId, String agreementNumber, int version,
        String organisation, String signatoryName, String signatoryEmail) {
}
