package org.steward.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * Who sees which request, and who may act on its tasks: what a person may not see answers exactly as what does not
 * exist, so references and task ids cannot be probed.
 */
class VisibilityTest extends IntegrationTest {

    /** A reference of the right form that no request has. */
    private static final String NO_SUCH_REFERENCE = "DR-1999-0001";

    @Test
    void aFinanceRequestIsHiddenFromPublicWorksAndShownToEveryoneOnIt() {
        String reference = submit("Utility accounts only", "FIN-UTILITY-ACCOUNTS");

        Answer hidden = get("sam", "/api/requests/" + reference);
        Answer missing = get("sam", "/api/requests/" + NO_SUCH_REFERENCE);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.headers().getContentType()).isEqualTo(missing.headers().getContentType());
        assertThat(hidden.body().get("detail").asText()).isEqualTo(
                "Request " + reference + " does not exist, or you may not see it.");
        assertThat(normalised(hidden.body(), reference)).isEqualTo(normalised(missing.body(), NO_SUCH_REFERENCE));
        assertThat(referencesListedFor("sam")).doesNotContain(reference);
        assertThat(referencesListedFor("sam", "STEWARD_REVIEW")).doesNotContain(reference);

        // Personal data in the request: the route asks for a privacy review, so the privacy office is on it.
        assertThat(request("alex", reference).get("privacyReviewRequired").asBoolean()).isTrue();
        for (String user : new String[] {"fiona", "pat", "audrey", "admin", "alex"}) {
            Answer shown = get(user, "/api/requests/" + reference);
            assertThat(shown.status()).as("%s reads %s", user, reference).isEqualTo(200);
            assertThat(shown.body().get("reference").asText()).isEqualTo(reference);
            assertThat(referencesListedFor(user)).as("%s's list", user).contains(reference);
        }
    }

    @Test
    void aPublicRequestWithNoAgreementIsHiddenFromOtherDirectorsAndThePrivacyOffice() {
        String reference = submit("Street centerlines only", "PW-STREET-CENTERLINES");
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isFalse();
        assertThat(submitted.get("agreementRequired").asBoolean()).isFalse();

        for (String user : new String[] {"dana", "pat"}) {
            Answer hidden = get(user, "/api/requests/" + reference);
            assertThat(hidden.status()).as("%s reads %s", user, reference).isEqualTo(404);
            assertThat(normalised(hidden.body(), reference))
                    .isEqualTo(normalised(get(user, "/api/requests/" + NO_SUCH_REFERENCE).body(), NO_SUCH_REFERENCE));
            assertThat(referencesListedFor(user)).as("%s's list", user).doesNotContain(reference);
        }
        assertThat(get("sam", "/api/requests/" + reference).status()).isEqualTo(200);
        assertThat(referencesListedFor("sam")).contains(reference);
    }

    @Test
    void onlyTheTasksWaitingForYouCanBeCompleted() {
        String reference = submit("Accounts and centerlines", "FIN-UTILITY-ACCOUNTS", "PW-STREET-CENTERLINES");
        String financeTask = taskFor(reference, "stewards-fin");

        Answer notYours = decide("sam", financeTask, "approve", "Looks fine to me");
        assertThat(notYours.status()).isEqualTo(403);
        assertThat(notYours.body().get("detail").asText()).contains("stewards-fin").contains("you are not one of them");
        assertThat(request("alex", reference).get("currentTasks").findValuesAsText("id")).contains(financeTask);
        assertThat(request("alex", reference).get("history").findValuesAsText("actor")).doesNotContain("sam");

        String unknownTask = UUID.randomUUID().toString();
        Answer unknown = decide("sam", unknownTask, "approve", null);
        assertThat(unknown.status()).isEqualTo(404);

        String hiddenReference = submit("Utility accounts, hidden task", "FIN-UTILITY-ACCOUNTS");
        String hiddenTask = taskFor(hiddenReference, "stewards-fin");
        Answer hidden = decide("sam", hiddenTask, "approve", null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().toString()).doesNotContain(hiddenReference);
        assertThat(normalised(hidden.body(), hiddenTask)).isEqualTo(normalised(unknown.body(), unknownTask));
        assertThat(request("alex", hiddenReference).get("currentTasks").findValuesAsText("id")).contains(hiddenTask);
    }

    @Test
    void anUnknownStatusFilterNamesTheAllowedStatuses() {
        Answer answer = get("alex", "/api/requests?status=NOPE");

        assertThat(answer.status()).isEqualTo(400);
        String message = answer.body().get("errors").get("status").asText();
        assertThat(message).contains("\"NOPE\"");
        for (String status : new String[] {"DRAFT", "STEWARD_REVIEW", "CHANGES_REQUESTED", "PRIVACY_REVIEW",
                "AGREEMENT_SIGNING", "DELIVERY", "DELIVERED", "IN_FORCE", "EXPIRED", "TERMINATED", "REJECTED",
                "WITHDRAWN", "IN_REVIEW"}) {
            assertThat(message).contains(status);
        }
    }

    private java.util.List<String> referencesListedFor(String user) {
        return everyItem(user, "/api/requests").stream().map(r -> r.get("reference").asText()).toList();
    }

    private java.util.List<String> referencesListedFor(String user, String status) {
        return everyItem(user, "/api/requests?status=" + status).stream().map(r -> r.get("reference").asText())
                .toList();
    }

    /** The answer with the one thing that must differ (what was asked for) taken out. */
    private JsonNode normalised(JsonNode body, String asked) {
        try {
            return json.readTree(body.toString().replace(asked, "{asked}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
