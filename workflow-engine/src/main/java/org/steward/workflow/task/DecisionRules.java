package org.steward.workflow.task;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.steward.workflow.problem.DateLimit;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;

/**
 * The rules a decision's answers follow, read from its step's form: the decision one of the form's, a reason where
 * one is needed, each field of its type and within its limit. Plain Java: tested without Spring or the engine.
 */
public final class DecisionRules {

    /** Decisions that must say why. */
    static final Set<String> NEED_A_COMMENT = Set.of("reject", "changes", "decline");
    /** Decisions that end a round for everyone else on it. */
    static final Set<String> END_A_ROUND = Set.of("reject", "changes", "decline", "withdraw");

    /** Text answers kept beyond the engine's variables, in columns of their own; any other is {@code FORM_TEXT}. */
    private static final Map<String, FieldLimit> TEXT_LIMITS = Map.of("conditions", FieldLimit.CONDITIONS,
            "reason", FieldLimit.REASON, "typedName", FieldLimit.TYPED_NAME);

    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** One field of a step's form: its id, its type (string, long, boolean, date, enum) and an enum's values. */
    public record Field(String id, String type, List<String> allowed) {

        public Field {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }

        static Field of(TaskView.FormFieldView view) {
            return new Field(view.id(), view.type(), view.values().stream().map(TaskView.Option::id).toList());
        }
    }

    private DecisionRules() {
    }

    /** Whether a decision must say why (a comment, or the form's "reason"). */
    public static boolean needsAReason(String decision) {
        return decision != null && NEED_A_COMMENT.contains(decision);
    }

    /**
     * The values to submit on the form, converted to their fields' types; a problem naming every field that breaks a
     * rule (400) otherwise.
     */
    public static Map<String, Object> check(List<Field> form, String decision, String comment,
            Map<String, Object> fields) {
        Map<String, Field> byId = new LinkedHashMap<>();
        form.forEach(field -> byId.putIfAbsent(field.id(), field));
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Field decisionField = byId.get("decision");
        if (decisionField != null) {
            List<String> allowed = decisionField.allowed();
            if (decision == null || decision.isBlank()) {
                errors.put("decision", "Choose a decision: " + String.join(", ", allowed) + ".");
            } else if (!allowed.contains(decision)) {
                errors.put("decision", "\"" + decision + "\" is not a decision this step allows. Choose one of: "
                        + String.join(", ", allowed) + ".");
            } else {
                values.put("decision", decision);
            }
        }
        // Signing says why in its own field, "reason"; other steps in "comment".
        boolean saysWhy = !blank(comment) || byId.containsKey("reason") && !blank(fields.get("reason"));
        if (needsAReason(decision) && !saysWhy) {
            errors.put(byId.containsKey("reason") ? "fields.reason" : "comment",
                    "Say why: a reason is required to " + describe(decision) + ".");
        }
        if ("approve_with_conditions".equals(decision) && blank(fields.get("conditions"))) {
            errors.put("fields.conditions", "Write the conditions: they go into the agreement word for word.");
        }
        FieldLimit.DECISION_COMMENT.check(errors, "comment", comment);
        if (byId.containsKey("comment")) {
            values.put("comment", comment);
        } else if (byId.containsKey("reason") && !blank(comment) && blank(fields.get("reason"))) {
            // A step that asks for a "reason" (signing) takes a comment as its reason rather than losing it.
            values.put("reason", comment);
        }
        for (Map.Entry<String, Object> answer : fields.entrySet()) {
            Field field = byId.get(answer.getKey());
            if (field == null || "decision".equals(answer.getKey()) || "comment".equals(answer.getKey())) {
                errors.put("fields." + answer.getKey(), "This step has no field \"" + answer.getKey()
                        + "\". Its fields are: " + String.join(", ", byId.keySet()) + ".");
                continue;
            }
            convert(field, answer.getValue(), errors).ifPresent(v -> values.put(answer.getKey(), v));
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        return values;
    }

    private static Optional<Object> convert(Field field, Object value, Map<String, String> errors) {
        String key = "fields." + field.id();
        if (value == null) {
            return Optional.empty();
        }
        switch (field.type() == null ? "string" : field.type()) {
            case "long" -> {
                if (value instanceof Number n) {
                    return Optional.of(n.longValue());
                }
                try {
                    return Optional.of(Long.parseLong(value.toString().trim()));
                } catch (NumberFormatException e) {
                    errors.put(key, "Enter a whole number.");
                }
            }
            case "boolean" -> {
                if (value instanceof Boolean b) {
                    return Optional.of(b);
                }
                String text = value.toString().trim();
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Optional.of(Boolean.parseBoolean(text));
                }
                errors.put(key, "Answer yes (true) or no (false).");
            }
            case "date" -> {
                String text = value.toString().trim();
                for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, CAMUNDA_DATE)) {
                    try {
                        LocalDate date = LocalDate.parse(text, format);
                        if (!DateLimit.check(errors, key, date)) {
                            return Optional.empty();
                        }
                        return Optional.of(Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant()));
                    } catch (DateTimeParseException notThisFormat) {
                        // try the next one
                    }
                }
                errors.put(key, "Enter a date like 2027-01-31.");
            }
            case "enum" -> {
                if (field.allowed().contains(value.toString())) {
                    return Optional.of(value.toString());
                }
                errors.put(key, "Choose one of: " + String.join(", ", field.allowed()) + ".");
            }
            default -> {
                String text = value.toString();
                return TEXT_LIMITS.getOrDefault(field.id(), FieldLimit.FORM_TEXT).check(errors, key, text)
                        ? Optional.of(text) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String describe(String decision) {
        return "changes".equals(decision) ? "ask for changes" : decision;
    }

    static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
