package org.steward.workflow.problem;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The longest text each field may hold, in characters: the size of the smallest column it is stored in (ours, or the
 * engine's for what goes into a task's variables). Every form and API body checks its text fields here, so a value
 * that would not fit is refused in plain words instead of failing in the database; FieldLimitsTest compares each
 * limit with the columns' sizes as the database reports them.
 */
public enum FieldLimit {

    TITLE("The title", 200, "data_request.title", "request_draft.title"),
    PURPOSE("The purpose", 4000, "data_request.purpose"),
    LEGAL_BASIS("The legal basis", 1000, "data_request.legal_basis"),
    RECIPIENT_ORGANISATION("The organisation's name", 200, "data_request.recipient_organisation",
            "agreement_party.party_name"),
    RECIPIENT_SIGNATORY_NAME("The signatory's name", 200, "data_request.recipient_signatory_name",
            "agreement_party.signatory_name"),
    RECIPIENT_SIGNATORY_EMAIL("The signatory's email address", 200, "data_request.recipient_signatory_email",
            "agreement_party.signatory_email"),
    DELIVERY_METHOD("The delivery method", 1000, "data_request.delivery_method"),
    RETENTION("The retention", 1000, "data_request.retention"),
    SECURITY_CONTROLS("The security controls", 2000, "data_request.security_controls"),
    ELEMENT("An element's name", 64, "requested_element.name", "dataset_element.name"),
    DATASET_CODE("A dataset's code", 64, "requested_dataset.dataset_code", "dataset.code"),
    /** A comment on a request's thread; the audit trail keeps a copy. */
    COMMENT("A comment", 4000, "request_comment.body", "audit_event.detail"),
    /** What a decision's form says: kept as the engine's variables and in our decision record. */
    DECISION_COMMENT("The comment", 4000, "decision.comment_text", "ACT_RU_VARIABLE.TEXT_", "ACT_HI_VARINST.TEXT_",
            "ACT_HI_DETAIL.TEXT_"),
    CONDITIONS("The conditions", 4000, "decision.conditions_text", "ACT_RU_VARIABLE.TEXT_", "ACT_HI_VARINST.TEXT_",
            "ACT_HI_DETAIL.TEXT_"),
    REASON("The reason", 4000, "decision.comment_text", "ACT_RU_VARIABLE.TEXT_", "ACT_HI_VARINST.TEXT_",
            "ACT_HI_DETAIL.TEXT_"),
    TYPED_NAME("Your full name", 200, "agreement_signature.typed_name", "ACT_RU_VARIABLE.TEXT_"),
    /** Any other text answer of a task's form: the engine keeps it as a variable. */
    FORM_TEXT("This answer", 4000, "ACT_RU_VARIABLE.TEXT_", "ACT_HI_VARINST.TEXT_", "ACT_HI_DETAIL.TEXT_"),
    WITHDRAWAL_REASON("The reason", 4000, "audit_event.detail"),
    TERMINATION_REASON("The reason", 2000, "data_sharing_agreement.termination_reason"),
    ATTACHMENT_NAME("A file's name", 255, "request_attachment.file_name"),
    DEPARTMENT_CODE("The code", 32, "department.code", "data_request.requesting_department",
            "data_request.recipient_department", "decision.department", "agreement_party.department"),
    DEPARTMENT_NAME("The name", 200, "department.name"),
    GROUP_ID("A group's id", 64, "department.staff_group", "department.steward_group", "department.custodian_group",
            "ACT_ID_GROUP.ID_", "request_participant.name"),
    GROUP_NAME("A group's name", 255, "ACT_ID_GROUP.NAME_"),
    DATASET_NAME("The name", 200, "dataset.name"),
    DATASET_DESCRIPTION("The description", 2000, "dataset.description"),
    USER_ID("A user id", 64, "ACT_ID_USER.ID_", "department.signatory", "data_request.requester",
            "decision.actor", "request_comment.author", "audit_event.actor"),
    FIRST_NAME("The first name", 255, "ACT_ID_USER.FIRST_"),
    LAST_NAME("The last name", 255, "ACT_ID_USER.LAST_"),
    EMAIL("The email address", 255, "ACT_ID_USER.EMAIL_");

    private final String what;
    private final int max;
    private final List<String> columns;

    FieldLimit(String what, int max, String... columns) {
        this.what = what;
        this.max = max;
        this.columns = List.of(columns);
    }

    /** Every limit by its name ("TITLE" to 200), for forms that show them (an input's maxlength). */
    public static Map<String, Integer> maxima() {
        Map<String, Integer> maxima = new java.util.LinkedHashMap<>();
        for (FieldLimit limit : values()) {
            maxima.put(limit.name(), limit.max);
        }
        return Map.copyOf(maxima);
    }

    /** The most characters the field holds. */
    public int max() {
        return max;
    }

    /** The columns the field's value is stored in, as "table.column"; the limit is the smallest of their sizes. */
    public List<String> columns() {
        return columns;
    }

    /** Whether the text is longer than the field holds (null fits). */
    public boolean exceededBy(String value) {
        return value != null && value.length() > max;
    }

    /**
     * Puts the refusal under {@code field} when the text is too long or holds characters nobody types, unless the
     * field already has a problem; answers whether it fits.
     */
    public boolean check(Map<String, String> errors, String field, String value) {
        String problem = problem(value);
        if (problem == null) {
            return true;
        }
        errors.putIfAbsent(field, problem);
        return false;
    }

    /**
     * What is wrong with the text, in plain words, or null: too long, or holding a character no keyboard types (a
     * control character other than tab and line breaks, half of an emoji), which would break the agreement's document
     * and the emails that quote it.
     */
    public String problem(String value) {
        if (exceededBy(value)) {
            return tooLong(value);
        }
        if (value != null && !typeable(value)) {
            return what + " holds a character that cannot be typed (a control character or half of an emoji);"
                    + " it was probably pasted from another program. Type that part again.";
        }
        return null;
    }

    /** Text of characters XML allows: documents and emails are XML and HTML, which cannot hold the others. */
    static boolean typeable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
        }
        return true;
    }

    /** The refusal in plain words: the limit and how long the text is. */
    public String tooLong(String value) {
        return what + " can be at most " + number(max) + " characters long; this one has " + number(value.length())
                + ". Shorten it.";
    }

    /** Throws INVALID on {@code field} when the text is too long or holds characters nobody types. */
    public void require(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw StewardProblem.invalid(Map.of(field, problem));
        }
    }

    private static String number(int n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }
}
