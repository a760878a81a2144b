package org.steward.workflow.request;

import java.time.LocalDate;
import java.util.List;

/** What a requester writes: everything of a request that a revision may change. */
public record RequestText(
        String title,
        String purpose,
        String legalBasis,
        List<DatasetWanted> datasets,
        Recipient recipient,
        Frequency frequency,
        String deliveryMethod,
        String retention,
        String securityControls,
        LocalDate startDate,
        LocalDate endDate) {

    /** A dataset and the elements wanted from it; an empty list means all of them. */
    public record DatasetWanted(String code, List<String> elements) {
        public DatasetWanted {
            elements = elements == null ? List.of() : List.copyOf(elements);
        }
    }

    /** Who receives the data: a department of the city, or an outside organisation and its signatory. */
    public record Recipient(RecipientType type, String department, String organisation, String signatoryName,
            String signatoryEmail) {
    }

    public RequestText {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }
}
