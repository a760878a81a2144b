package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditTrail;

/**
 * Signing the data-sharing agreement: what a signature records as evidence, what is refused (a text that changed,
 * a missing name or consent, a decline without a reason), a person who represents two parties, and what a decline
 * or a request for changes does to the request and to the next version of the agreement.
 */
class SigningTest extends IntegrationTest {

    @Autowired
    private AuditTrail audit;

    private static final String USER_AGENT = "StewardSigningTest/1.0 (integration; +https://example.org)";

    @Test
    void aSignatureRecordsWhoSignedWhatWhenAndFromWhereAndTheLastOnePutsTheAgreementInForce() throws Exception {
        String reference = atSigning("Work orders, signed with evidence");
        JsonNode shown = agreement("dana", reference);
        String hash = shown.get("sha256").asText();
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(sha256(shown.get("text").asText()));

        Instant before = Instant.now().minusSeconds(1);
        Answer signed = call("dana", HttpMethod.POST, "/api/tasks/" + taskAssignedTo(reference, "dana") + "/complete",
                Map.of("decision", "sign", "fields", signature("Dana Dalton", hash)), Map.of("User-Agent", USER_AGENT));
        Instant after = Instant.now().plusSeconds(1);
        assertThat(signed.status()).as("%s", signed.body()).isEqualTo(204);
        runJobs();

        JsonNode oneSignature = agreement("alex", reference);
        assertThat(oneSignature.get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(oneSignature.get("signatures")).hasSize(1);
        JsonNode evidence = oneSignature.get("signatures").get(0);
        assertThat(evidence.get("signer").asText()).isEqualTo("dana");
        assertThat(evidence.get("party").asText()).isEqualTo("Community Development (receives the data)");
        assertThat(evidence.get("typedName").asText()).isEqualTo("Dana Dalton");
        assertThat(Instant.parse(evidence.get("time").asText())).isBetween(before, after);
        assertThat(InetAddress.getByName(evidence.get("ip").asText()).isLoopbackAddress())
                .as("ip %s", evidence.get("ip")).isTrue();
        assertThat(evidence.get("userAgent").asText()).isEqualTo(USER_AGENT);
        assertThat(evidence.get("sha256").asText()).isEqualTo(hash).isEqualTo(oneSignature.get("sha256").asText());
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> wes");

        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();

        JsonNode inForce = agreement("alex", reference);
        assertThat(inForce.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(inForce.get("version").asInt()).isEqualTo(1);
        assertThat(inForce.get("sha256").asText()).isEqualTo(hash);
        assertThat(inForce.get("signatures").findValuesAsText("signer")).containsExactly("dana", "wes");
        assertThat(inForce.get("signatures").findValuesAsText("party"))
                .containsExactly("Community Development (receives the data)", "Public Works (provides the data)");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(waitingOn(reference)).containsExactly("deliverData -> custodians-pw");
        assertThat(timeline(reference)).endsWith("dana:signAgreement:sign:api", "wes:signAgreement:sign:api");
    }

    @Test
    void aSignatureOnATextThatChangedIsRefusedAndNothingIsRecorded() {
        String reference = atSigning("Work orders, signed on a stale text");
        String wesTask = taskAssignedTo(reference, "wes");
        String stale = sha256("DATA-SHARING AGREEMENT, the text wes read before it changed");

        Answer refused = complete("wes", wesTask, "sign", signature("Wes Weller", stale));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).contains("changed").contains(stale)
                .contains(agreement("wes", reference).get("sha256").asText());
        assertNothingSigned(reference, wesTask, "wes");

        // Having read the current text, wes signs it.
        assertThat(sign("wes", wesTask, "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(agreement("alex", reference).get("signatures").findValuesAsText("signer")).containsExactly("wes");
    }

    @Test
    void aSignatureNeedsTheTypedNameTheConsentAndTheHashOfTheTextRead() {
        String reference = atSigning("Work orders, signed without a name");
        String wesTask = taskAssignedTo(reference, "wes");
        String hash = agreement("wes", reference).get("sha256").asText();

        Answer nothing = complete("wes", wesTask, "sign", Map.of("documentHash", hash));
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(errorFields(nothing)).contains("fields.typedName", "fields.consent");

        Map<String, Object> blankAndUnticked = new HashMap<>(signature("   ", hash));
        blankAndUnticked.put("consent", false);
        Answer blank = complete("wes", wesTask, "sign", blankAndUnticked);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(errorFields(blank)).contains("fields.typedName", "fields.consent");

        Map<String, Object> noHash = new HashMap<>(signature("Wes Weller", hash));
        noHash.remove("documentHash");
        Answer unhashed = complete("wes", wesTask, "sign", noHash);
        assertThat(unhashed.status()).isEqualTo(400);
        assertThat(errorFields(unhashed)).contains("fields.documentHash");

        assertNothingSigned(reference, wesTask, "wes");
    }

    @Test
    void aDeclineNeedsAReasonAndEndsTheRequestForEveryone() {
        String reference = atSigning("Work orders, declined");
        String danaTask = taskAssignedTo(reference, "dana");
        String wesTask = taskAssignedTo(reference, "wes");

        Answer withoutReason = complete("dana", danaTask, "decline", Map.of());
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.body().get("errors").get("fields.reason").asText()).contains("reason");
        assertThat(currentTasks(reference).findValuesAsText("id")).contains(danaTask, wesTask);

        assertThat(complete("dana", danaTask, "decline",
                Map.of("reason", "Community Development cannot keep this data secure yet")).status()).isEqualTo(204);
        runJobs();

        JsonNode rejected = request("alex", reference);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("currentTasks")).isEmpty();
        assertThat(tasksListedFor("wes", reference)).isEmpty();
        assertThat(tasksListedFor("dana", reference)).isEmpty();
        JsonNode last = rejected.get("history").get(rejected.get("history").size() - 1);
        assertThat(last.get("actor").asText()).isEqualTo("dana");
        assertThat(last.get("step").asText()).isEqualTo("signAgreement");
        assertThat(last.get("outcome").asText()).isEqualTo("decline");
        assertThat(last.get("comment").asText()).isEqualTo("Community Development cannot keep this data secure yet");
        assertThat(last.get("channel").asText()).isEqualTo("api");
        assertThat(agreement("alex", reference).get("signatures")).isEmpty();
        // The unsigned agreement ends with the request; the register does not show it as still out for signature.
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("TERMINATED");

        Answer late = sign("wes", wesTask, "Wes Weller", reference);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("detail").asText()).contains("Dana Dalton (dana)").contains("decline");
    }

    @Test
    void aPersonWhoRepresentsBothPartiesSignsOnceForBoth() {
        // Public Works asks for its own work orders on alex's request: wes directs both the owner and the recipient.
        Map<String, Object> body = requestBody("Work orders for Public Works' own planning", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "INTERNAL", "department", "PW"));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> wes");
        assertThat(tasksListedFor("wes", reference)).containsExactly("signAgreement");
        assertThat(parties(agreement("wes", reference))).containsExactly("OWNER Public Works: wes (Wes Weller)",
                "RECIPIENT Public Works: wes (Wes Weller)");

        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();

        JsonNode inForce = agreement("alex", reference);
        assertThat(inForce.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(inForce.get("signatures")).hasSize(1);
        JsonNode once = inForce.get("signatures").get(0);
        assertThat(once.get("signer").asText()).isEqualTo("wes");
        // One signature naming both parties it was given for.
        assertThat(Arrays.asList(once.get("party").asText().split("; "))).containsExactly(
                "Public Works (provides the data)", "Public Works (receives the data)");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(timeline(reference)).filteredOn(line -> line.contains(":signAgreement:"))
                .containsExactly("wes:signAgreement:sign:api");
    }

    @Test
    void aSignatoryAsksForChangesAndTheNextRoundDraftsVersionTwoWithNoSignatures() {
        String reference = atSigning("Work orders, changed for the signatory");
        JsonNode first = agreement("alex", reference);
        String number = first.get("number").asText();
        String firstHash = first.get("sha256").asText();
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(agreement("alex", reference).get("signatures")).hasSize(1);

        assertThat(complete("dana", taskAssignedTo(reference, "dana"), "changes",
                Map.of("reason", "Name the work types; we need no costs")).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(waitingOn(reference)).containsExactly("reviseRequest -> alex");
        Map<String, Object> revision = requestBody("Work orders, changed for the signatory", "PW-WORK-ORDERS");
        revision.put("datasets", List.of(Map.of("code", "PW-WORK-ORDERS",
                "elements", List.of("work_type", "opened_on", "closed_on"))));
        assertThat(put("alex", "/api/requests/" + reference, revision).status()).isEqualTo(200);
        assertThat(decide("alex", taskAssignedTo(reference, "alex"), "resubmit", null).status()).isEqualTo(204);
        runJobs();

        // The whole review goes round again: the steward first, then a new version to sign.
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-pw");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        JsonNode second = agreement("alex", reference);
        assertThat(second.get("number").asText()).isEqualTo(number);
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(second.get("signatures")).isEmpty();
        assertThat(second.get("sha256").asText()).isNotEqualTo(firstHash)
                .isEqualTo(sha256(second.get("text").asText()));
        assertThat(second.get("text").asText()).contains(number + ", version 2")
                .contains("work_type, opened_on, closed_on");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> wes");

        String wesTask = taskAssignedTo(reference, "wes");
        Answer onTheOldText = complete("wes", wesTask, "sign", signature("Wes Weller", firstHash));
        assertThat(onTheOldText.status()).isEqualTo(409);
        assertThat(agreement("alex", reference).get("signatures")).isEmpty();

        assertThat(sign("wes", wesTask, "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();
        JsonNode inForce = agreement("alex", reference);
        assertThat(inForce.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(inForce.get("version").asInt()).isEqualTo(2);
        assertThat(inForce.get("signatures").findValuesAsText("sha256")).containsOnly(second.get("sha256").asText());
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        List<JsonNode> register = new java.util.ArrayList<>();
        get("audrey", "/api/agreements").body().forEach(entry -> {
            if (entry.get("number").asText().equals(number)) {
                register.add(entry);
            }
        });
        assertThat(register).hasSize(1);
        assertThat(register.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(register.get(0).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(decisionsInOrder(reference)).containsExactly("sam:approveAsSteward:approve:api",
                "wes:signAgreement:sign:api", "dana:signAgreement:changes:api", "alex:reviseRequest:resubmit:api",
                "sam:approveAsSteward:approve:api", "wes:signAgreement:sign:api", "dana:signAgreement:sign:api");
        assertThat(timeline(reference)).contains("alex:submitted:submitted:api", "alex:revised:revised:api");
    }

    /** Work orders for Community Development, approved by Public Works' steward: wes and dana must sign. */
    private String atSigning(String title) {
        String reference = submit(title, "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> wes");
        return reference;
    }

    /** The refused attempt left no trace: no signature, the same task open, no decision in the history. */
    private void assertNothingSigned(String reference, String taskId, String signer) {
        JsonNode agreement = agreement("alex", reference);
        assertThat(agreement.get("signatures")).isEmpty();
        assertThat(agreement.get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(currentTasks(reference).findValuesAsText("id")).contains(taskId);
        assertThat(timeline(reference)).noneMatch(line -> line.startsWith(signer + ":signAgreement:"));
        assertThat(audit.of(reference)).extracting(AuditEvent::getType).doesNotContain("AGREEMENT_SIGNED");
    }

    private static List<String> errorFields(Answer answer) {
        List<String> fields = new java.util.ArrayList<>();
        answer.body().path("errors").fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
