package org.steward.workflow.request;

import java.util.List;

/**
 * The new-request form as a person left it in a draft: every answer as typed, nothing checked yet. Dates stay as
 * typed (a draft may hold "31/12" until its owner fixes it); the recipient keeps both the department and the outside
 * organisation's fields, whichever kind is chosen, so switching back and forth loses nothing. A renewal keeps the
 * reference of the request it renews ({@code renewalOf}, null otherwise; drafts saved before renewals read as null).
 */
public record DraftText(
        String title,
        String purpose,
        String legalBasis,
        List<RequestText.DatasetWanted> datasets,
        RequestText.Recipient recipient,
        Frequency frequency,
        String deliveryMethod,
        String retention,
        String securityControls,
        String startDate,
        String endDate,
        String renewalOf) {

    public DraftText {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        recipient = recipient == null ? new RequestText.Recipient(null, null, null, null, null) : recipient;
    }

    /** An empty form. */
    public static DraftText empty() {
        return new DraftText(null, null, null, List.of(), null, null, null, null, null, null, null, null);
    }
}
