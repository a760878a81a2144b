package org.steward.workflow.request;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.problem.DateLimit;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.stereotype.Component;

/** Checks a request's text and names every problem by field, in words a clerk understands. */
@Component
class RequestValidator {

    static final int MIN_PURPOSE = 20;

    private final CatalogService catalog;
    private final Clock clock;

    RequestValidator(CatalogService catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    void check(RequestText text) {
        Map<String, String> errors = new LinkedHashMap<>();
        required(errors, "title", text.title(), "Give the request a title.");
        if (text.purpose() == null || text.purpose().strip().length() < MIN_PURPOSE) {
            errors.put("purpose", "Describe the purpose in at least " + MIN_PURPOSE + " characters: what the data is for.");
        }
        required(errors, "legalBasis", text.legalBasis(), "Name the legal basis or authority for using this data.");
        required(errors, "deliveryMethod", text.deliveryMethod(), "Say how the data should be delivered.");
        required(errors, "retention", text.retention(), "Say how long the data is kept and how it is destroyed.");
        required(errors, "securityControls", text.securityControls(), "Describe how the data will be kept safe.");
        if (text.frequency() == null) {
            errors.put("frequency", "Say whether the data is needed once (ONE_TIME) or regularly (RECURRING).");
        }
        checkDatasets(errors, text.datasets());
        checkRecipient(errors, text.recipient());
        checkDates(errors, text.startDate(), text.endDate());
        checkLengths(errors, text);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
    }

    /**
     * Every text field against the column it is stored in: a too long answer replaces any other problem of its field,
     * since it is the one to fix first.
     */
    static void checkLengths(Map<String, String> errors, RequestText text) {
        Map<String, String> tooLong = new LinkedHashMap<>();
        FieldLimit.TITLE.check(tooLong, "title", text.title());
        FieldLimit.PURPOSE.check(tooLong, "purpose", text.purpose());
        FieldLimit.LEGAL_BASIS.check(tooLong, "legalBasis", text.legalBasis());
        FieldLimit.DELIVERY_METHOD.check(tooLong, "deliveryMethod", text.deliveryMethod());
        FieldLimit.RETENTION.check(tooLong, "retention", text.retention());
        FieldLimit.SECURITY_CONTROLS.check(tooLong, "securityControls", text.securityControls());
        RequestText.Recipient recipient = text.recipient();
        if (recipient != null) {
            FieldLimit.DEPARTMENT_CODE.check(tooLong, "recipient.department", recipient.department());
            FieldLimit.RECIPIENT_ORGANISATION.check(tooLong, "recipient.organisation", recipient.organisation());
            FieldLimit.RECIPIENT_SIGNATORY_NAME.check(tooLong, "recipient.signatoryName", recipient.signatoryName());
            FieldLimit.RECIPIENT_SIGNATORY_EMAIL.check(tooLong, "recipient.signatoryEmail",
                    recipient.signatoryEmail());
        }
        for (int i = 0; i < text.datasets().size(); i++) {
            RequestText.DatasetWanted one = text.datasets().get(i);
            FieldLimit.DATASET_CODE.check(tooLong, "datasets[" + i + "].code", one.code());
            for (String element : one.elements()) {
                FieldLimit.ELEMENT.check(tooLong, "datasets[" + i + "].elements", element);
            }
        }
        errors.putAll(tooLong);
    }

    private void checkDatasets(Map<String, String> errors, List<RequestText.DatasetWanted> wanted) {
        if (wanted.isEmpty()) {
            errors.put("datasets", "Choose at least one dataset from the catalogue.");
            return;
        }
        Map<String, Dataset> known = catalog.datasetsByCode(wanted.stream().map(RequestText.DatasetWanted::code)
                .filter(c -> c != null).toList());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            RequestText.DatasetWanted one = wanted.get(i);
            String field = "datasets[" + i + "]";
            Dataset dataset = one.code() == null ? null : known.get(one.code());
            if (dataset == null) {
                errors.put(field + ".code", "There is no dataset \"" + one.code() + "\" in the catalogue.");
                continue;
            }
            if (!seen.add(dataset.getCode())) {
                errors.put(field + ".code", "The dataset " + dataset.getCode() + " is listed twice.");
            }
            List<String> unknown = one.elements().stream().filter(e -> !dataset.getElements().contains(e)).toList();
            if (!unknown.isEmpty()) {
                errors.put(field + ".elements", "The dataset " + dataset.getCode() + " has no element "
                        + String.join(", ", unknown) + ". It has: " + String.join(", ", dataset.getElements()) + ".");
            }
        }
    }

    private void checkRecipient(Map<String, String> errors, RequestText.Recipient recipient) {
        if (recipient == null || recipient.type() == null) {
            errors.put("recipient.type", "Say who receives the data: a city department (INTERNAL) or an outside "
                    + "organisation (EXTERNAL).");
            return;
        }
        if (recipient.type() == RecipientType.INTERNAL) {
            if (recipient.department() == null || catalog.department(recipient.department()).isEmpty()) {
                errors.put("recipient.department", "Choose the city department that receives the data.");
            }
        } else {
            required(errors, "recipient.organisation", recipient.organisation(),
                    "Name the organisation that receives the data.");
            required(errors, "recipient.signatoryName", recipient.signatoryName(),
                    "Name the person who signs the agreement for that organisation.");
            if (recipient.signatoryEmail() == null || !recipient.signatoryEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                errors.put("recipient.signatoryEmail", "Give the signatory's email address, like name@example.org.");
            }
        }
    }

    private void checkDates(Map<String, String> errors, LocalDate start, LocalDate end) {
        if (start == null) {
            errors.put("startDate", "Give the date from which the data is needed.");
        }
        if (end == null) {
            errors.put("endDate", "Give the date until which the data is needed.");
        }
        boolean inRange = DateLimit.check(errors, "startDate", start) & DateLimit.check(errors, "endDate", end);
        if (end == null || !inRange) {
            return;
        }
        if (start != null && !end.isAfter(start)) {
            errors.put("endDate", "The end date must come after the start date.");
        } else if (!end.isAfter(LocalDate.now(clock))) {
            errors.put("endDate", "The end date must be in the future.");
        }
    }

    private static void required(Map<String, String> errors, String field, String value, String message) {
        if (value == null || value.isBlank()) {
            errors.put(field, message);
        }
    }
}
