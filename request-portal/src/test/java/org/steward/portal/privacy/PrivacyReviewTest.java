package org.steward.portal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * The privacy office's review of a request with personal data: approval with conditions that the agreement repeats
 * word for word, rejection, and changes that send the revised request round again.
 */
class PrivacyReviewTest extends IntegrationTest {

    /** Conditions as a privacy officer types them: two sentences, an ampersand and markup, kept as typed. */
    private static final String CONDITIONS = "Publish only aggregates of 10 or more accounts per census tract & "
            + "never <b>owner names</b>.\nDelete the extract 12 months after delivery and confirm it in writing.";

    @Test
    void conditionsSetByThePrivacyOfficeAppearWordForWordInTheAgreement() {
        String reference = atPrivacyReview("Utility accounts, approved with conditions");
        String privacyTask = taskFor(reference, "privacy-office");

        Answer noConditions = complete("pat", privacyTask, "approve_with_conditions", privacyAnswers());
        assertThat(noConditions.status()).isEqualTo(400);
        assertThat(noConditions.body().get("errors").has("fields.conditions")).as("%s", noConditions.body())
                .isTrue();
        Map<String, Object> blank = privacyAnswers();
        blank.put("conditions", "   ");
        Answer blankConditions = complete("pat", privacyTask, "approve_with_conditions", blank);
        assertThat(blankConditions.status()).isEqualTo(400);
        assertThat(blankConditions.body().get("errors").get("fields.conditions").asText()).contains("conditions");
        JsonNode stillWaiting = request("alex", reference);
        assertThat(stillWaiting.get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(stillWaiting.get("currentTasks").findValuesAsText("id")).containsExactly(privacyTask);
        assertThat(timeline(reference)).doesNotContain("pat:privacyReview:approve_with_conditions:api");

        Map<String, Object> withConditions = privacyAnswers();
        withConditions.put("conditions", CONDITIONS);
        assertThat(complete("pat", privacyTask, "approve_with_conditions", withConditions).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        JsonNode agreement = agreement("alex", reference);
        assertThat(agreement.get("conditions").asText()).isEqualTo(CONDITIONS);
        String text = agreement.get("text").asText();
        // The document is XHTML: as a person reads it, the conditions are there word for word, markup shown as typed.
        org.jsoup.nodes.Document read = org.jsoup.Jsoup.parse(text);
        assertThat(read.text()).contains("Conditions set by reviewers").contains(CONDITIONS.replace("\n", " "));
        assertThat(read.select("li").eachText()).contains(CONDITIONS.replace("\n", " "));
        assertThat(text).contains("never &lt;b&gt;owner names&lt;/b&gt;.<br/>Delete the extract");
        assertThat(agreement.get("sha256").asText()).isEqualTo(sha256(text));
        // The signatories are shown the conditions with the rest of the text they sign.
        assertThat(agreement("frank", reference).get("text").asText()).isEqualTo(text);
        assertThat(agreement("dana", reference).get("text").asText()).isEqualTo(text);
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "fiona:approveAsSteward:approve:api", "pat:privacyReview:approve_with_conditions:api");
    }

    @Test
    void thePrivacyOfficeRejectsAndTheRequestEndsWithNothingLeftToDo() {
        String reference = atPrivacyReview("Utility accounts, rejected by the privacy office");
        String privacyTask = taskFor(reference, "privacy-office");

        Answer withoutReason = complete("pat", privacyTask, "reject", privacyAnswers());
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.body().get("errors").get("comment").asText()).contains("Say why");

        assertThat(complete("pat", privacyTask, "reject", "Owner names cannot be shared for this purpose",
                privacyAnswers()).status()).isEqualTo(204);
        runJobs();

        JsonNode rejected = request("alex", reference);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("currentTasks")).isEmpty();
        assertThat(tasksListedFor("pat", reference)).isEmpty();
        assertThat(get("alex", "/api/requests/" + reference + "/agreement").status()).isEqualTo(404);
        JsonNode last = rejected.get("history").get(rejected.get("history").size() - 1);
        assertThat(last.get("actor").asText()).isEqualTo("pat");
        assertThat(last.get("step").asText()).isEqualTo("privacyReview");
        assertThat(last.get("outcome").asText()).isEqualTo("reject");
        assertThat(last.get("comment").asText()).isEqualTo("Owner names cannot be shared for this purpose");
        assertThat(last.get("channel").asText()).isEqualTo("api");
        assertThat(get("alex", "/api/requests?status=REJECTED").body().findValuesAsText("reference"))
                .contains(reference);
    }

    @Test
    void thePrivacyOfficeAsksForChangesAndTheRevisedRequestGoesRoundAgainFromTheStewards() {
        String reference = atPrivacyReview("Utility accounts, changed for the privacy office");

        assertThat(complete("pat", taskFor(reference, "privacy-office"), "changes",
                "Ask for service addresses and account types only", privacyAnswers()).status()).isEqualTo(204);
        runJobs();

        JsonNode changes = request("alex", reference);
        assertThat(changes.get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(waitingOn(reference)).containsExactly("reviseRequest -> alex");
        assertThat(tasksListedFor("pat", reference)).isEmpty();

        Map<String, Object> revision = requestBody("Utility accounts, changed for the privacy office",
                "FIN-UTILITY-ACCOUNTS");
        revision.put("datasets", List.of(Map.of("code", "FIN-UTILITY-ACCOUNTS",
                "elements", List.of("service_address", "account_type"))));
        Answer saved = put("alex", "/api/requests/" + reference, revision);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("revision").asInt()).isEqualTo(2);
        assertThat(decide("alex", taskAssignedTo(reference, "alex"), "resubmit", "Owner names dropped").status())
                .isEqualTo(204);
        runJobs();

        // A fresh round: Finance's approval of the first text does not carry over.
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        JsonNode agreement = agreement("alex", reference);
        assertThat(agreement.get("version").asInt()).isEqualTo(1);
        assertThat(agreement.get("text").asText()).contains("FIN-UTILITY-ACCOUNTS")
                .contains("service_address, account_type").doesNotContain("owner_name");
        assertThat(decisionsInOrder(reference)).containsExactly("fiona:approveAsSteward:approve:api",
                "pat:privacyReview:changes:api", "alex:reviseRequest:resubmit:api",
                "fiona:approveAsSteward:approve:api", "pat:privacyReview:approve:api");
        assertThat(timeline(reference)).contains("alex:submitted:submitted:api", "alex:revised:revised:api");
    }

    /** A request for personal data that Finance's steward approved, now waiting for the privacy office. */
    private String atPrivacyReview(String title) {
        String reference = submit(title, "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        return reference;
    }
}
