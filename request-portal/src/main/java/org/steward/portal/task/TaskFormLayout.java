package org.steward.portal.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.steward.portal.task.FieldModel.Widget;
import org.steward.workflow.task.DecisionRules;
import org.steward.workflow.task.Inbox.TaskDetail;
import org.steward.workflow.task.TaskView;
import org.steward.workflow.task.TaskView.FormFieldView;

/**
 * Lays out any task's form from its {@code camunda:formData}, whatever step of whatever model it belongs to: a field
 * becomes a control by its type (string, long, boolean, date, enum), the {@code decision} enum becomes one button per
 * value, and the base model's known ids only get nicer hints. It also turns what was posted back into the answers the
 * task service takes, and names the required fields left empty.
 */
final class TaskFormLayout {

    static final String DECISION = "decision";
    static final String COMMENT = "comment";
    /** The fields that make a form a signature: the agreement's text is shown above it. */
    static final Set<String> SIGNING_FIELDS = Set.of("typedName", "consent", "documentHash");
    static final String DOCUMENT_HASH = "documentHash";
    /** Errors that belong to no field of the form. */
    static final String GENERAL = "";

    /** Free text that needs room: comments, reasons, conditions, purposes and the like. */
    private static final Pattern LONG_TEXT = Pattern.compile(
            "(?i).*(comment|reason|condition|purpose|description|note|justif|explain|explanation|detail|summary"
                    + "|remark|why|answer|feedback|finding).*");

    private TaskFormLayout() {
    }

    /** A decision the person can take, as a button. */
    record DecisionButton(String value, String label, String style) {
    }

    static boolean isSigning(TaskView view) {
        return view.fields().stream().map(FormFieldView::id).collect(Collectors.toSet()).containsAll(SIGNING_FIELDS);
    }

    static Optional<FormFieldView> decisionEnum(TaskView view) {
        return view.fields().stream().filter(f -> DECISION.equals(f.id()) && "enum".equals(f.type())).findFirst();
    }

    /** One button per value of the decision enum, in the model's order; none when the form has no such enum. */
    static List<DecisionButton> decisions(TaskView view) {
        return decisionEnum(view).map(f -> f.values().stream()
                .map(o -> new DecisionButton(o.id(), o.name() == null || o.name().isBlank() ? o.id() : o.name(),
                        style(o.id())))
                .toList()).orElse(List.of());
    }

    /** The label of a decision value, for messages. */
    static String decisionLabel(TaskView view, String decision) {
        return decisions(view).stream().filter(d -> d.value().equals(decision)).map(DecisionButton::label).findFirst()
                .orElse(decision);
    }

    /**
     * The form's fields (but the decision enum, shown as buttons) as controls, with what was posted (or the model's
     * prefilled values on a first visit) and the errors by field id.
     */
    static List<FieldModel> fields(TaskDetail detail, TaskForm posted, Map<String, String> errors, String shownHash) {
        TaskView view = detail.view();
        boolean signing = isSigning(view);
        List<FieldModel> models = new ArrayList<>();
        for (FormFieldView field : view.fields()) {
            if (DECISION.equals(field.id()) && "enum".equals(field.type())) {
                continue;
            }
            Map<String, String> rules = detail.constraints().getOrDefault(field.id(), Map.of());
            Widget widget = widget(field, rules, signing);
            String value;
            if (signing && DOCUMENT_HASH.equals(field.id())) {
                value = shownHash;
            } else if (posted == null) {
                value = detail.values().get(field.id());
            } else {
                value = COMMENT.equals(field.id()) ? posted.getComment() : posted.getFields().get(field.id());
            }
            String name = COMMENT.equals(field.id()) || DECISION.equals(field.id()) ? field.id()
                    : "fields[" + field.id() + "]";
            boolean numeric = widget == Widget.NUMBER;
            boolean text = widget == Widget.TEXT || widget == Widget.TEXTAREA;
            models.add(new FieldModel(field.id(), name, "field-" + field.id(), label(field), widget,
                    field.required() && widget != Widget.READ_ONLY && widget != Widget.HIDDEN,
                    text ? rules.get("minlength") : null, text ? rules.get("maxlength") : null,
                    numeric ? rules.get("min") : null, numeric ? rules.get("max") : null, field.values(), value,
                    hint(view, field, widget, rules, signing), errors.get(field.id()),
                    signing && "typedName".equals(field.id()) ? "name" : null));
        }
        return models;
    }

    /** What was posted, as the answers the task service takes: empty answers are left out, an unticked box is no. */
    static Map<String, Object> answers(TaskDetail detail, TaskForm form) {
        Map<String, Object> answers = new LinkedHashMap<>();
        boolean signing = isSigning(detail.view());
        for (FormFieldView field : detail.view().fields()) {
            if (DECISION.equals(field.id()) || COMMENT.equals(field.id())) {
                continue;
            }
            Map<String, String> rules = detail.constraints().getOrDefault(field.id(), Map.of());
            Widget widget = widget(field, rules, signing);
            String value = form.getFields().get(field.id());
            if (widget == Widget.READ_ONLY) {
                continue;
            }
            if (widget == Widget.CHECKBOX) {
                answers.put(field.id(), "true".equalsIgnoreCase(value) ? "true" : "false");
            } else if (value != null && !value.isBlank()) {
                answers.put(field.id(), value);
            }
        }
        return answers;
    }

    /** The required fields left empty, by field id; the task service names one at a time, the page all of them. */
    static Map<String, String> missingRequired(TaskDetail detail, TaskForm form, Map<String, Object> answers) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (FormFieldView field : detail.view().fields()) {
            if (!field.required() || DECISION.equals(field.id())
                    || detail.constraints().getOrDefault(field.id(), Map.of()).containsKey("readonly")) {
                continue;
            }
            boolean empty = COMMENT.equals(field.id()) ? form.getComment() == null || form.getComment().isBlank()
                    : !answers.containsKey(field.id());
            if (empty) {
                missing.put(field.id(), "This field is required: " + label(field) + ".");
            }
        }
        return missing;
    }

    /**
     * The task service's errors by the id of the field they belong to ("fields.conditions" and a bare "conditions"
     * alike); errors of no field of this form under {@link #GENERAL}.
     */
    static Map<String, String> errorsByField(Map<String, String> serviceErrors, TaskView view) {
        Set<String> ids = view.fields().stream().map(FormFieldView::id).collect(Collectors.toSet());
        Map<String, String> errors = new LinkedHashMap<>();
        serviceErrors.forEach((key, message) -> {
            String id = key.startsWith("fields.") ? key.substring("fields.".length()) : key;
            if (ids.contains(id) || DECISION.equals(id) || COMMENT.equals(id) && ids.contains(COMMENT)) {
                errors.merge(id, message, (a, b) -> a + " " + b);
            } else {
                errors.merge(GENERAL, message, (a, b) -> a + " " + b);
            }
        });
        return errors;
    }

    static Widget widget(FormFieldView field, Map<String, String> rules, boolean signing) {
        if (rules.containsKey("readonly")) {
            return Widget.READ_ONLY;
        }
        if (signing && DOCUMENT_HASH.equals(field.id())) {
            return Widget.HIDDEN;
        }
        String label = label(field).trim();
        return switch (field.type() == null ? "string" : field.type()) {
            case "long" -> Widget.NUMBER;
            case "boolean" -> label.endsWith("?") ? Widget.YES_NO : Widget.CHECKBOX;
            case "date" -> Widget.DATE;
            case "enum" -> Widget.SELECT;
            default -> LONG_TEXT.matcher(field.id()).matches() || label.endsWith("?") ? Widget.TEXTAREA : Widget.TEXT;
        };
    }

    private static String label(FormFieldView field) {
        return field.label() == null || field.label().isBlank() ? field.id() : field.label();
    }

    private static String hint(TaskView view, FormFieldView field, Widget widget, Map<String, String> rules,
            boolean signing) {
        List<String> hints = new ArrayList<>();
        List<DecisionButton> decisions = decisions(view);
        boolean hasReason = view.fields().stream().anyMatch(f -> "reason".equals(f.id()));
        String saysWhy = hasReason ? "reason" : COMMENT;
        if (field.id().equals(saysWhy)) {
            List<String> needing = decisions.stream().filter(d -> DecisionRules.needsAReason(d.value()))
                    .map(DecisionButton::label).toList();
            if (!needing.isEmpty()) {
                hints.add("Needed if you choose " + String.join(" or ", needing) + ": say why.");
            }
        }
        if ("conditions".equals(field.id())) {
            decisions.stream().filter(d -> "approve_with_conditions".equals(d.value())).findFirst()
                    .ifPresent(d -> hints.add("Needed if you choose " + d.label() + "."));
        }
        if (signing && "typedName".equals(field.id())) {
            hints.add("Type your full name: it is your signature.");
        }
        if (widget == Widget.NUMBER) {
            String range = rules.containsKey("min") && rules.containsKey("max")
                    ? " from " + rules.get("min") + " to " + rules.get("max")
                    : rules.containsKey("min") ? ", at least " + rules.get("min")
                            : rules.containsKey("max") ? ", at most " + rules.get("max") : "";
            hints.add("A whole number" + range + ".");
        }
        if (widget == Widget.DATE) {
            hints.add("For example 2027-01-31.");
        }
        if ((widget == Widget.TEXT || widget == Widget.TEXTAREA) && rules.containsKey("minlength")) {
            hints.add("At least " + rules.get("minlength") + " characters.");
        }
        if ((widget == Widget.TEXT || widget == Widget.TEXTAREA) && rules.containsKey("maxlength")) {
            hints.add("At most " + rules.get("maxlength") + " characters.");
        }
        if (field.required() && widget != Widget.CHECKBOX) {
            hints.add(0, "Required.");
        }
        return hints.isEmpty() ? null : String.join(" ", hints);
    }

    private static String style(String decision) {
        if (Set.of("reject", "decline", "withdraw").contains(decision)) {
            return "button button--danger";
        }
        if ("changes".equals(decision)) {
            return "button button--secondary";
        }
        if (decision.startsWith("approve") || Set.of("sign", "delivered", "removed", "resubmit").contains(decision)) {
            return "button button--ok";
        }
        return "button";
    }
}
