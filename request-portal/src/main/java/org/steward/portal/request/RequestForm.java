package org.steward.portal.request;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.steward.workflow.request.DraftText;
import org.steward.workflow.request.Frequency;
import org.steward.workflow.request.RecipientType;
import org.steward.workflow.request.RequestText;

/**
 * The request form as a browser sends it: every answer as typed. Converts to a draft (kept as typed) and to a
 * request's text (what cannot be read, such as a date written "31/12", becomes a field error).
 */
public class RequestForm {

    /** The only fields a browser may bind: never an id, a reference or an owner. */
    static final String[] FIELDS = {"title", "purpose", "legalBasis", "datasets", "elements", "recipientType",
        "recipientDepartment", "recipientOrganisation", "recipientSignatoryName", "recipientSignatoryEmail",
        "frequency", "deliveryMethod", "retention", "securityControls", "startDate", "endDate", "removeAttachments",
        "renewalOf"};

    /** An element checkbox's value joins the dataset's code and the element's name. */
    static final String ELEMENT_SEPARATOR = ":";

    private String title;
    private String purpose;
    private String legalBasis;
    private List<String> datasets = new ArrayList<>();
    private List<String> elements = new ArrayList<>();
    private String recipientType;
    private String recipientDepartment;
    private String recipientOrganisation;
    private String recipientSignatoryName;
    private String recipientSignatoryEmail;
    private String frequency;
    private String deliveryMethod;
    private String retention;
    private String securityControls;
    private String startDate;
    private String endDate;
    /** The reference of the request this one renews, carried in a hidden field; blank for a request of its own. */
    private String renewalOf;
    private List<Long> removeAttachments = new ArrayList<>();

    /** A request's text, and what could not be read from the form, by the form's field names. */
    record Converted(RequestText text, Map<String, String> problems, List<String> datasetCodes) {
    }

    static RequestForm from(DraftText draft) {
        RequestForm form = new RequestForm();
        form.title = draft.title();
        form.purpose = draft.purpose();
        form.legalBasis = draft.legalBasis();
        form.wanted(draft.datasets());
        RequestText.Recipient recipient = draft.recipient();
        form.recipientType = recipient.type() == null ? null : recipient.type().name();
        form.recipientDepartment = recipient.department();
        form.recipientOrganisation = recipient.organisation();
        form.recipientSignatoryName = recipient.signatoryName();
        form.recipientSignatoryEmail = recipient.signatoryEmail();
        form.frequency = draft.frequency() == null ? null : draft.frequency().name();
        form.deliveryMethod = draft.deliveryMethod();
        form.retention = draft.retention();
        form.securityControls = draft.securityControls();
        form.startDate = draft.startDate();
        form.endDate = draft.endDate();
        form.renewalOf = draft.renewalOf();
        return form;
    }

    static RequestForm from(RequestText text) {
        RequestForm form = new RequestForm();
        form.title = text.title();
        form.purpose = text.purpose();
        form.legalBasis = text.legalBasis();
        form.wanted(text.datasets());
        RequestText.Recipient recipient = text.recipient();
        if (recipient != null) {
            form.recipientType = recipient.type() == null ? null : recipient.type().name();
            form.recipientDepartment = recipient.department();
            form.recipientOrganisation = recipient.organisation();
            form.recipientSignatoryName = recipient.signatoryName();
            form.recipientSignatoryEmail = recipient.signatoryEmail();
        }
        form.frequency = text.frequency() == null ? null : text.frequency().name();
        form.deliveryMethod = text.deliveryMethod();
        form.retention = text.retention();
        form.securityControls = text.securityControls();
        form.startDate = text.startDate() == null ? null : text.startDate().toString();
        form.endDate = text.endDate() == null ? null : text.endDate().toString();
        return form;
    }

    /** The form as a draft keeps it: as typed, both kinds of recipient included. */
    DraftText toDraft() {
        return new DraftText(clean(title), clean(purpose), clean(legalBasis), wanted(),
                new RequestText.Recipient(enumOrNull(RecipientType.class, recipientType), clean(recipientDepartment),
                        clean(recipientOrganisation), clean(recipientSignatoryName), clean(recipientSignatoryEmail)),
                enumOrNull(Frequency.class, frequency), clean(deliveryMethod), clean(retention),
                clean(securityControls), clean(startDate), clean(endDate), renewal());
    }

    /** The request this one renews, or null. */
    String renewal() {
        return renewalOf == null || renewalOf.isBlank() ? null : renewalOf.strip();
    }

    /** The form as a request's text; only the chosen kind of recipient's fields count. */
    Converted toText() {
        Map<String, String> problems = new LinkedHashMap<>();
        RecipientType type = enumOrNull(RecipientType.class, recipientType);
        RequestText.Recipient recipient = type == RecipientType.INTERNAL
                ? new RequestText.Recipient(type, clean(recipientDepartment), null, null, null)
                : type == RecipientType.EXTERNAL
                        ? new RequestText.Recipient(type, null, clean(recipientOrganisation),
                                clean(recipientSignatoryName), clean(recipientSignatoryEmail))
                        : new RequestText.Recipient(null, null, null, null, null);
        List<RequestText.DatasetWanted> wanted = wanted();
        RequestText text = new RequestText(clean(title), clean(purpose), clean(legalBasis), wanted, recipient,
                enumOrNull(Frequency.class, frequency), clean(deliveryMethod), clean(retention),
                clean(securityControls), date("startDate", startDate, problems), date("endDate", endDate, problems));
        return new Converted(text, problems, wanted.stream().map(RequestText.DatasetWanted::code).toList());
    }

    /** The datasets ticked, each with the elements ticked under it (none: all of them). */
    private List<RequestText.DatasetWanted> wanted() {
        List<RequestText.DatasetWanted> wanted = new ArrayList<>();
        for (String code : new LinkedHashSet<>(datasets == null ? List.<String>of() : datasets)) {
            if (code == null || code.isBlank()) {
                continue;
            }
            List<String> chosen = new ArrayList<>();
            for (String element : elements == null ? List.<String>of() : elements) {
                if (element != null && element.startsWith(code + ELEMENT_SEPARATOR)) {
                    chosen.add(element.substring(code.length() + ELEMENT_SEPARATOR.length()));
                }
            }
            wanted.add(new RequestText.DatasetWanted(code, chosen));
        }
        return wanted;
    }

    private void wanted(List<RequestText.DatasetWanted> wanted) {
        datasets = new ArrayList<>();
        elements = new ArrayList<>();
        for (RequestText.DatasetWanted one : wanted) {
            datasets.add(one.code());
            one.elements().forEach(e -> elements.add(one.code() + ELEMENT_SEPARATOR + e));
        }
    }

    /** Whether an element of a dataset is ticked. */
    public boolean hasElement(String code, String element) {
        return elements != null && elements.contains(code + ELEMENT_SEPARATOR + element);
    }

    /** Whether a dataset is ticked. */
    public boolean hasDataset(String code) {
        return datasets != null && datasets.contains(code);
    }

    /** Whether a file is ticked for removal. */
    public boolean removes(Long attachmentId) {
        return removeAttachments != null && removeAttachments.contains(attachmentId);
    }

    private static LocalDate date(String field, String value, Map<String, String> problems) {
        String typed = clean(value);
        if (typed == null) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException unreadable) {
            problems.put(field, "Write the date as year, month and day, like 2027-01-31.");
            return null;
        }
    }

    /** Blank answers are no answer; line breaks are kept the way the API keeps them. */
    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.replace("\r\n", "\n");
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String purpose) { this.purpose = purpose; }
    public String getLegalBasis() { return legalBasis; }
    public void setLegalBasis(String legalBasis) { this.legalBasis = legalBasis; }
    public List<String> getDatasets() { return datasets; }
    public void setDatasets(List<String> datasets) { this.datasets = datasets; }
    public List<String> getElements() { return elements; }
    public void setElements(List<String> elements) { this.elements = elements; }
    public String getRecipientType() { return recipientType; }
    public void setRecipientType(String recipientType) { this.recipientType = recipientType; }
    public String getRecipientDepartment() { return recipientDepartment; }
    public void setRecipientDepartment(String recipientDepartment) { this.recipientDepartment = recipientDepartment; }
    public String getRecipientOrganisation() { return recipientOrganisation; }
    public void setRecipientOrganisation(String recipientOrganisation) { this.recipientOrganisation = recipientOrganisation; }
    public String getRecipientSignatoryName() { return recipientSignatoryName; }
    public void setRecipientSignatoryName(String recipientSignatoryName) { this.recipientSignatoryName = recipientSignatoryName; }
    public String getRecipientSignatoryEmail() { return recipientSignatoryEmail; }
    public void setRecipientSignatoryEmail(String recipientSignatoryEmail) { this.recipientSignatoryEmail = recipientSignatoryEmail; }
    public String getFrequency() { return frequency; }
    public void setFrequency(String frequency) { this.frequency = frequency; }
    public String getDeliveryMethod() { return deliveryMethod; }
    public void setDeliveryMethod(String deliveryMethod) { this.deliveryMethod = deliveryMethod; }
    public String getRetention() { return retention; }
    public void setRetention(String retention) { this.retention = retention; }
    public String getSecurityControls() { return securityControls; }
    public void setSecurityControls(String securityControls) { this.securityControls = securityControls; }
    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }
    public String getEndDate() { return endDate; }
    public void setEndDate(String endDate) { this.endDate = endDate; }
    public String getRenewalOf() { return renewalOf; }
    public void setRenewalOf(String renewalOf) { this.renewalOf = renewalOf; }
    public List<Long> getRemoveAttachments() { return removeAttachments; }
    public void setRemoveAttachments(List<Long> removeAttachments) { this.removeAttachments = removeAttachments; }
}
