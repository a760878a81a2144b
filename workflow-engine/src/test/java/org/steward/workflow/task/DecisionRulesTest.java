package org.steward.workflow.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.workflow.problem.StewardProblem;

/** The rules of a decision's answers, on forms written out here: no Spring, no engine. */
class DecisionRulesTest {

    private static final DecisionRules.Field DECISION = new DecisionRules.Field("decision", "enum",
            List.of("approve", "reject", "changes"));
    private static final DecisionRules.Field COMMENT = new DecisionRules.Field("comment", "string", null);
    private static final List<DecisionRules.Field> STEWARD = List.of(DECISION, COMMENT);

    private static final List<DecisionRules.Field> PRIVACY = List.of(
            new DecisionRules.Field("decision", "enum", List.of("approve", "approve_with_conditions", "reject")),
            COMMENT, new DecisionRules.Field("conditions", "string", null),
            new DecisionRules.Field("leavesCity", "boolean", null),
            new DecisionRules.Field("recordsAffected", "long", null),
            new DecisionRules.Field("reviewBy", "date", null),
            new DecisionRules.Field("level", "enum", List.of("low", "high")));

    private static final List<DecisionRules.Field> SIGNING = List.of(
            new DecisionRules.Field("decision", "enum", List.of("sign", "decline", "changes")),
            new DecisionRules.Field("reason", "string", null), new DecisionRules.Field("typedName", "string", null));

    @Test
    void anAllowedDecisionWithItsCommentIsSubmittedAsIs() {
        assertThat(DecisionRules.check(STEWARD, "approve", "Fine by Finance", Map.of()))
                .containsExactly(Map.entry("decision", "approve"), Map.entry("comment", "Fine by Finance"));
    }

    @Test
    void aDecisionTheFormDoesNotAllowNamesTheOnesItDoes() {
        assertThat(errors(STEWARD, "delete", null, Map.of())).containsExactly(Map.entry("decision",
                "\"delete\" is not a decision this step allows. Choose one of: approve, reject, changes."));
        assertThat(errors(STEWARD, " ", null, Map.of())).containsEntry("decision",
                "Choose a decision: approve, reject, changes.");
    }

    @Test
    void rejectingOrAskingForChangesMustSayWhy() {
        assertThat(errors(STEWARD, "reject", "  ", Map.of())).containsExactly(Map.entry("comment",
                "Say why: a reason is required to reject."));
        assertThat(errors(STEWARD, "changes", null, Map.of())).containsEntry("comment",
                "Say why: a reason is required to ask for changes.");
        assertThat(DecisionRules.needsAReason("decline")).isTrue();
        assertThat(DecisionRules.needsAReason("approve")).isFalse();
        assertThat(DecisionRules.needsAReason(null)).isFalse();
    }

    @Test
    void aSigningStepTakesItsReasonOrAComment() {
        assertThat(errors(SIGNING, "decline", null, Map.of())).containsEntry("fields.reason",
                "Say why: a reason is required to decline.");
        assertThat(DecisionRules.check(SIGNING, "decline", "Not our data", Map.of()))
                .containsEntry("reason", "Not our data");
        assertThat(DecisionRules.check(SIGNING, "decline", null, Map.of("reason", "Not ours")))
                .containsEntry("reason", "Not ours");
    }

    @Test
    void conditionsAreNeededToApproveWithConditions() {
        assertThat(errors(PRIVACY, "approve_with_conditions", null, Map.of())).containsEntry("fields.conditions",
                "Write the conditions: they go into the agreement word for word.");
    }

    @Test
    void answersAreConvertedToTheirFieldsTypes() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("leavesCity", "TRUE");
        answers.put("recordsAffected", " 1200 ");
        answers.put("reviewBy", "2027-01-31");
        answers.put("level", "high");
        Map<String, Object> values = DecisionRules.check(PRIVACY, "approve", null, answers);

        assertThat(values).containsEntry("leavesCity", true).containsEntry("recordsAffected", 1200L)
                .containsEntry("level", "high").containsEntry("reviewBy",
                        Date.from(LocalDate.of(2027, 1, 31).atStartOfDay(ZoneId.systemDefault()).toInstant()));
        assertThat(DecisionRules.check(PRIVACY, "approve", null, Map.of("reviewBy", "31/01/2027")))
                .containsKey("reviewBy");
    }

    @Test
    void everyWrongAnswerIsNamedAtOnce() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("leavesCity", "perhaps");
        answers.put("recordsAffected", "many");
        answers.put("reviewBy", "next week");
        answers.put("level", "medium");
        answers.put("secret", "x");

        assertThat(errors(PRIVACY, "approve", null, answers)).containsOnlyKeys("fields.leavesCity",
                "fields.recordsAffected", "fields.reviewBy", "fields.level", "fields.secret")
                .containsEntry("fields.leavesCity", "Answer yes (true) or no (false).")
                .containsEntry("fields.recordsAffected", "Enter a whole number.")
                .containsEntry("fields.reviewBy", "Enter a date like 2027-01-31.")
                .containsEntry("fields.level", "Choose one of: low, high.");
        assertThat(errors(PRIVACY, "approve", null, answers).get("fields.secret"))
                .startsWith("This step has no field \"secret\". Its fields are: decision, comment, conditions");
    }

    @Test
    void datesOutsideTheCenturiesPeopleMeanAreRefused() {
        assertThat(errors(PRIVACY, "approve", null, Map.of("reviewBy", "0000-01-01"))).containsKey("fields.reviewBy");
        assertThat(errors(PRIVACY, "approve", null, Map.of("reviewBy", "2300-01-01"))).containsKey("fields.reviewBy");
    }

    @Test
    void textOverItsLimitOrWithUntypeableCharactersIsRefused() {
        assertThat(errors(STEWARD, "approve", "x".repeat(20_000), Map.of())).containsKey("comment");
        assertThat(errors(PRIVACY, "approve_with_conditions", null, Map.of("conditions", "Keep it\u0000 safe")))
                .containsKey("fields.conditions");
        assertThat(DecisionRules.check(PRIVACY, "approve_with_conditions", null,
                Map.of("conditions", "Aggregated only 🙂, عربى"))).containsEntry("conditions", "Aggregated only 🙂, عربى");
    }

    private static Map<String, String> errors(List<DecisionRules.Field> form, String decision, String comment,
            Map<String, Object> fields) {
        try {
            DecisionRules.check(form, decision, comment, fields);
        } catch (StewardProblem problem) {
            return problem.fieldErrors();
        }
        throw new AssertionError("accepted: " + decision + " " + fields);
    }

    @Test
    void aFormWithNoDecisionFieldTakesNone() {
        assertThat(DecisionRules.check(List.of(COMMENT), null, "done", Map.of())).containsExactly(
                Map.entry("comment", "done"));
        assertThatThrownBy(() -> DecisionRules.check(List.of(COMMENT), null, null, Map.of("decision", "x")))
                .isInstanceOf(StewardProblem.class);
    }
}
