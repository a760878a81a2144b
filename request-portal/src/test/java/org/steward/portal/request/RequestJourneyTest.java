package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/** A request's journeys through the API: every path of the process as it stands, as the people on it see it. */
class RequestJourneyTest extends IntegrationTest {

    @Test
    void bothDepartmentsApproveAndTheirCustodiansDeliver() {
        String reference = submit("Work orders and accounts", "FIN-UTILITY-ACCOUNTS", "PW-WORK-ORDERS");
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(groupsOf(submitted)).containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isTrue();
        assertThat(submitted.get("agreementRequired").asBoolean()).isTrue();

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", "Fine by Public Works").status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();

        // Personal data: the privacy office, then both owners' directors and the recipient's director sign.
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> frank",
                "signAgreement -> wes");
        assertThat(sign("frank", taskAssignedTo(reference, "frank"), "Frank Franklin", reference).status())
                .isEqualTo(204);
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();

        JsonNode delivering = request("alex", reference);
        assertThat(delivering.get("status").asText()).isEqualTo("DELIVERY");
        assertThat(groupsOf(delivering)).containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", "Sent by SFTP").status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).as("Finance has not delivered yet")
                .isEqualTo("DELIVERY");
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();

        JsonNode delivered = request("alex", reference);
        assertThat(delivered.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(delivered.get("currentTasks")).isEmpty();
        List<String> timeline = new ArrayList<>();
        for (JsonNode entry : delivered.get("history")) {
            timeline.add(entry.get("actor").asText() + ":" + entry.get("outcome").asText() + ":"
                    + entry.get("channel").asText());
        }
        assertThat(timeline).containsExactly("alex:submitted:api", "sam:approve:api", "fiona:approve:api",
                "pat:approve:api", "frank:sign:api", "wes:sign:api", "dana:sign:api", "wes:delivered:api",
                "frank:delivered:api");
        assertThat(delivered.get("history").get(1).get("actorName").asText()).isEqualTo("Sam Sorensen");
        assertThat(delivered.get("history").get(1).get("comment").asText()).isEqualTo("Fine by Public Works");
        assertThat(delivered.get("history").get(7).get("comment").asText()).isEqualTo("Sent by SFTP");
        JsonNode agreement = agreement("alex", reference);
        assertThat(agreement.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(agreement.get("signatures").findValuesAsText("party")).containsExactly(
                "Finance (provides the data)", "Public Works (provides the data)",
                "Community Development (receives the data)");
    }

    @Test
    void aRejectionEndsTheRoundAndTheOtherStewardIsToldWhoEndedIt() {
        String reference = submit("Accounts and work orders, rejected", "FIN-UTILITY-ACCOUNTS", "PW-WORK-ORDERS");
        String finTask = taskFor(reference, "stewards-fin");
        String pwTask = taskFor(reference, "stewards-pw");

        Answer withoutReason = decide("fiona", finTask, "reject", null);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.body().get("errors").get("comment").asText()).contains("Say why");

        assertThat(decide("fiona", finTask, "reject", "Owner names cannot leave Finance").status()).isEqualTo(204);
        runJobs();

        JsonNode rejected = request("alex", reference);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("currentTasks")).isEmpty();
        Answer late = decide("sam", pwTask, "approve", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("detail").asText()).contains("cancelled").contains("Fiona Fischer (fiona)")
                .contains("reject");
        Answer again = decide("fiona", finTask, "approve", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("already completed by Fiona Fischer (fiona)");
    }

    @Test
    void changesAreRequestedTheRequesterRevisesAndEveryDepartmentReviewsAgain() {
        String reference = submit("Accounts and work orders, revised", "FIN-UTILITY-ACCOUNTS", "PW-WORK-ORDERS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Name the work types you need")
                .status()).isEqualTo(204);
        runJobs();

        JsonNode changes = request("alex", reference);
        assertThat(changes.get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        JsonNode revise = changes.get("currentTasks").get(0);
        assertThat(revise.get("taskDefinitionKey").asText()).isEqualTo("reviseRequest");
        assertThat(revise.get("assignee").asText()).isEqualTo("alex");

        Map<String, Object> revision = requestBody("Accounts and work orders, revised", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        revision.put("datasets", List.of(Map.of("code", "FIN-UTILITY-ACCOUNTS", "elements", List.of()),
                Map.of("code", "PW-WORK-ORDERS", "elements", List.of("work_type", "opened_on"))));
        assertThat(put("sam", "/api/requests/" + reference, revision).status()).isEqualTo(403);
        Answer saved = put("alex", "/api/requests/" + reference, revision);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("revision").asInt()).isEqualTo(2);
        assertThat(saved.body().get("request").get("datasets").get(1).get("elements").toString())
                .isEqualTo("[\"work_type\",\"opened_on\"]");

        assertThat(decide("alex", revise.get("id").asText(), "resubmit", "Work types named").status())
                .isEqualTo(204);
        runJobs();

        JsonNode secondRound = request("alex", reference);
        assertThat(secondRound.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        // Finance approved the first text; the revised text needs its approval again.
        assertThat(groupsOf(secondRound)).containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        // Both approved the revised text: the request moves on, to the privacy office as personal data does.
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("privacyReview -> privacy-office");
        assertThat(decisionsInOrder(reference)).extracting(line -> line.split(":")[2])
                .containsExactly("approve", "changes", "resubmit", "approve", "approve");
    }

    @Test
    void theRequesterWithdrawsInsteadOfRevising() {
        String reference = submit("Work orders, withdrawn", "PW-WORK-ORDERS");
        Answer revisionTooEarly = put("alex", "/api/requests/" + reference,
                requestBody("Work orders, withdrawn", "PW-WORK-ORDERS"));
        assertThat(revisionTooEarly.status()).isEqualTo(409);
        assertThat(revisionTooEarly.body().get("detail").asText()).contains("only while changes are requested");

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Which streets?").status())
                .isEqualTo(204);
        runJobs();
        String revise = request("alex", reference).get("currentTasks").get(0).get("id").asText();
        assertThat(decide("sam", revise, "withdraw", null).status()).isEqualTo(403);
        assertThat(decide("alex", revise, "withdraw", "No longer needed").status()).isEqualTo(204);

        JsonNode withdrawn = request("alex", reference);
        assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("currentTasks")).isEmpty();
        assertThat(get("alex", "/api/requests?status=WITHDRAWN").body().findValuesAsText("reference"))
                .contains(reference);
    }

    @Test
    void aStewardListsOnlyTheTasksOfTheirGroupWithTheirForms() {
        String reference = submit("Street centerlines", "PW-STREET-CENTERLINES");
        List<JsonNode> samTasks = everyItem("sam", "/api/tasks");
        JsonNode mine = null;
        for (JsonNode task : samTasks) {
            if (task.get("requestReference").asText().equals(reference)) {
                mine = task;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("taskDefinitionKey").asText()).isEqualTo("approveAsSteward");
        assertThat(mine.get("fields").get(0).get("id").asText()).isEqualTo("decision");
        assertThat(mine.get("fields").get(0).get("values").findValuesAsText("id"))
                .containsExactly("approve", "reject", "changes");
        assertThat(everyItem("fiona", "/api/tasks")).extracting(t -> t.get("requestReference").asText())
                .doesNotContain(reference);
    }

    private static List<String> groupsOf(JsonNode request) {
        List<String> groups = new ArrayList<>();
        for (JsonNode task : request.get("currentTasks")) {
            task.get("candidateGroups").forEach(g -> groups.add(g.asText()));
        }
        return groups;
    }
}
