package org.steward.portal.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of a request form, keyed by the form's field names ({@code title}, {@code recipientDepartment},
 * {@code dataset.FIN-UTILITY-ACCOUNTS.elements} …), so each shows next to its field and in a summary at the top.
 */
public final class FormErrors {

    /** The order of the form, for the summary. */
    private static final List<String> ORDER = List.of("draft", "title", "purpose", "legalBasis", "datasets", "dataset.",
            "recipientType", "recipientDepartment", "recipientOrganisation", "recipientSignatoryName",
            "recipientSignatoryEmail", "frequency", "deliveryMethod", "retention", "securityControls", "startDate",
            "endDate", "attachments");

    /** A line of the summary: where the field is, and what to fix. */
    public record Link(String href, String message) {
    }

    private final Map<String, String> messages;

    private FormErrors(Map<String, String> messages) {
        this.messages = messages;
    }

    static FormErrors none() {
        return new FormErrors(Map.of());
    }

    /**
     * The form's problems from the service's field errors ({@code recipient.department}, {@code datasets[0].elements}
     * …, where the index is the position among the datasets chosen) and the problems found reading the form, which
     * come first for the same field.
     */
    static FormErrors of(Map<String, String> fromForm, Map<String, String> fromService, List<String> datasetCodes) {
        Map<String, String> messages = new LinkedHashMap<>(fromForm);
        fromService.forEach((key, message) -> messages.putIfAbsent(formKey(key, datasetCodes), plain(key, message)));
        return new FormErrors(messages);
    }

    public boolean has(String key) {
        return messages.containsKey(key);
    }

    public String get(String key) {
        return messages.get(key);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public int size() {
        return messages.size();
    }

    /** Every problem, in the form's order, with a link to its field. */
    public List<Link> links() {
        List<String> keys = new ArrayList<>(messages.keySet());
        keys.sort(Comparator.comparingInt(FormErrors::position));
        return keys.stream().map(key -> new Link("#" + anchor(key), messages.get(key))).toList();
    }

    private static int position(String key) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (key.equals(ORDER.get(i)) || ORDER.get(i).endsWith(".") && key.startsWith(ORDER.get(i))) {
                return i;
            }
        }
        return ORDER.size();
    }

    /** The id of the element a summary line leads to. */
    private static String anchor(String key) {
        return switch (key) {
            case "recipientType" -> "recipientType-INTERNAL";
            case "frequency" -> "frequency-ONE_TIME";
            case "draft" -> "title";
            default -> key.startsWith("dataset.") ? key.replace('.', '-') : key;
        };
    }

    /** A service's field name as the form's. */
    static String formKey(String key, List<String> datasetCodes) {
        if (key.startsWith("datasets[")) {
            int close = key.indexOf(']');
            try {
                int index = Integer.parseInt(key.substring("datasets[".length(), close));
                String rest = key.substring(close + 1);
                if (index >= 0 && index < datasetCodes.size()) {
                    return "dataset." + datasetCodes.get(index) + (".elements".equals(rest) ? ".elements" : "");
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException notAnIndex) {
                return "datasets";
            }
            return "datasets";
        }
        return switch (key) {
            case "recipient.type" -> "recipientType";
            case "recipient.department" -> "recipientDepartment";
            case "recipient.organisation" -> "recipientOrganisation";
            case "recipient.signatoryName" -> "recipientSignatoryName";
            case "recipient.signatoryEmail" -> "recipientSignatoryEmail";
            default -> key;
        };
    }

    /** The service's words where they name the API's codes, in the page's words instead. */
    private static String plain(String key, String message) {
        return switch (key) {
            case "recipient.type" -> "Choose who receives the data: a city department or an outside organisation.";
            case "frequency" -> "Choose whether the data is needed once or regularly.";
            default -> message;
        };
    }
}
