package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * The requester withdraws a request (POST /api/requests/{reference}/withdraw) at any step before delivery: the
 * request ends as withdrawn and nobody is left with a task on it. After delivery starts it is too late; nobody else
 * may withdraw it, and to those who cannot see it the request does not exist.
 */
class WithdrawalTest extends IntegrationTest {

    @Test
    void duringStewardReviewEveryStewardsTaskDisappears() {
        String reference = submit("Accounts and work orders, withdrawn in review", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        String financeTask = taskFor(reference, "stewards-fin");
        String publicWorksTask = taskFor(reference, "stewards-pw");
        assertThat(tasksListedFor("sam", reference)).containsExactly("approveAsSteward");
        assertThat(tasksListedFor("fiona", reference)).containsExactly("approveAsSteward");

        Answer withdrawn = post("alex", "/api/requests/" + reference + "/withdraw",
                Map.of("reason", "The housing study was cancelled"));

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
        assertWithdrawn(reference, "The housing study was cancelled", "sam", "fiona");
        Answer late = decide("sam", publicWorksTask, "approve", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("detail").asText()).contains("cancelled");
        assertThat(decide("fiona", financeTask, "approve", null).status()).isEqualTo(409);
    }

    @Test
    void duringPrivacyReviewThePrivacyOfficersTaskDisappears() {
        String reference = submit("Utility accounts, withdrawn in privacy review", "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(tasksListedFor("pat", reference)).containsExactly("privacyReview");

        // No body at all: the reason is optional.
        Answer withdrawn = post("alex", "/api/requests/" + reference + "/withdraw", null);

        assertThat(withdrawn.status()).isEqualTo(200);
        assertWithdrawn(reference, null, "pat", "fiona");
    }

    @Test
    void duringSigningTheSignatoriesTasksDisappear() {
        String reference = submit("Work orders, withdrawn while signing", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(tasksListedFor("dana", reference)).containsExactly("signAgreement");

        Answer withdrawn = post("alex", "/api/requests/" + reference + "/withdraw",
                Map.of("reason", "Found the figures in the annual report"));

        assertThat(withdrawn.status()).isEqualTo(200);
        assertWithdrawn(reference, "Found the figures in the annual report", "dana", "wes", "sam");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("TERMINATED");
        assertThat(agreement("alex", reference).get("signatures").findValuesAsText("signer")).containsExactly("wes");
    }

    @Test
    void afterDeliveryStartedItIsTooLateAndNothingChanges() {
        String reference = submit("Street centerlines, too late to withdraw", "PW-STREET-CENTERLINES");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        List<String> before = timeline(reference);

        Answer tooLate = post("alex", "/api/requests/" + reference + "/withdraw", Map.of("reason", "Changed my mind"));

        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.body().get("detail").asText()).contains(reference).contains("delivery");
        JsonNode unchanged = request("alex", reference);
        assertThat(unchanged.get("status").asText()).isEqualTo("DELIVERY");
        assertThat(waitingOn(reference)).containsExactly("deliverData -> custodians-pw");
        assertThat(timeline(reference)).isEqualTo(before).noneMatch(line -> line.contains("withdrawn"));
    }

    @Test
    void aRequestThatHasEndedCannotBeWithdrawn() {
        String reference = submit("Work orders, rejected then withdrawn", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "reject", "Not for this purpose").status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("REJECTED");

        Answer ended = post("alex", "/api/requests/" + reference + "/withdraw", null);

        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.body().get("detail").asText()).contains("rejected");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void someoneElseWhoCanSeeTheRequestMayNotWithdrawIt() {
        String reference = submit("Work orders, withdrawn by the wrong person", "PW-WORK-ORDERS");

        for (String user : new String[] {"sam", "audrey", "admin"}) {
            assertThat(get(user, "/api/requests/" + reference).status()).as("%s sees it", user).isEqualTo(200);
            Answer notYours = post(user, "/api/requests/" + reference + "/withdraw", Map.of("reason", "Tidying up"));
            assertThat(notYours.status()).as("%s withdraws", user).isEqualTo(403);
            assertThat(notYours.body().get("detail").asText()).contains("Only the person who made request");
        }

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-pw");
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api");
    }

    @Test
    void someoneWhoCannotSeeTheRequestIsToldItDoesNotExist() {
        String reference = submit("Work orders, hidden from Finance", "PW-WORK-ORDERS");
        String nobodys = "DR-1999-0001";

        Answer hidden = post("fiona", "/api/requests/" + reference + "/withdraw", null);
        Answer missing = post("fiona", "/api/requests/" + nobodys + "/withdraw", null);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.body().get("detail").asText())
                .isEqualTo(missing.body().get("detail").asText().replace(nobodys, reference));
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-pw");
    }

    /**
     * The request is withdrawn, nobody has a task on it any longer (not in the request, not in their own task list),
     * and its history shows alex's withdrawal through the API, with the reason given, after every decision taken.
     */
    private void assertWithdrawn(String reference, String reason, String... peopleWhoHadTasks) {
        JsonNode withdrawn = request("alex", reference);
        assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("currentTasks")).isEmpty();
        for (String person : peopleWhoHadTasks) {
            assertThat(tasksListedFor(person, reference)).as("%s's tasks", person).isEmpty();
        }
        JsonNode last = null;
        for (JsonNode entry : withdrawn.get("history")) {
            if (entry.get("step").asText().equals("withdrawn")) {
                assertThat(last).as("one withdrawal in %s", withdrawn.get("history")).isNull();
                last = entry;
            }
        }
        assertThat(last).as("a withdrawal in %s", withdrawn.get("history")).isNotNull();
        for (JsonNode entry : withdrawn.get("history")) {
            assertThat(Instant.parse(entry.get("time").asText())).as("%s before the withdrawal", entry)
                    .isBeforeOrEqualTo(Instant.parse(last.get("time").asText()));
        }
        assertThat(last.get("actor").asText()).isEqualTo("alex");
        assertThat(last.get("actorName").asText()).isEqualTo("Alex Anders");
        assertThat(last.get("step").asText()).isEqualTo("withdrawn");
        assertThat(last.get("outcome").asText()).isEqualTo("withdrawn");
        assertThat(last.get("channel").asText()).isEqualTo("api");
        if (reason == null) {
            assertThat(last.get("comment").isNull()).as("comment %s", last.get("comment")).isTrue();
        } else {
            assertThat(last.get("comment").asText()).isEqualTo(reason);
        }
        assertThat(get("alex", "/api/requests?status=WITHDRAWN").body().findValuesAsText("reference"))
                .contains(reference);
    }
}
