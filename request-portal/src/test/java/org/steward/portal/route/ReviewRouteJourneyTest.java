package org.steward.portal.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/**
 * Each route of the decision table (review-route), end to end through the API, as the people on the request see it:
 * personal data, internal data leaving the city, internal data between departments, and public data.
 */
class ReviewRouteJourneyTest extends IntegrationTest {

    @Autowired
    private Clock clock;

    @Test
    void personalDataIsReviewedForPrivacyAndSignedForBeforeFinanceDeliversIt() {
        String reference = submit("Utility accounts for the housing needs study", "FIN-UTILITY-ACCOUNTS");
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isTrue();
        assertThat(submitted.get("agreementRequired").asBoolean()).isTrue();
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");
        assertThat(get("alex", "/api/requests/" + reference + "/agreement").status()).as("no agreement yet")
                .isEqualTo(404);

        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", "Fine by Finance").status())
                .isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(waitingOn(reference)).containsExactly("privacyReview -> privacy-office");
        assertThat(tasksListedFor("pat", reference)).containsExactly("privacyReview");
        assertThat(get("alex", "/api/requests/" + reference + "/agreement").status()).isEqualTo(404);

        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", "Addresses only, no names",
                privacyAnswers()).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> frank");
        JsonNode drafted = agreement("alex", reference);
        assertThat(drafted.get("number").asText()).matches("DSA-\\d{4}-\\d{4}");
        assertThat(drafted.get("version").asInt()).isEqualTo(1);
        assertThat(drafted.get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(drafted.get("sha256").asText()).isEqualTo(sha256(drafted.get("text").asText()));
        assertThat(drafted.get("signatures")).isEmpty();
        assertThat(drafted.get("conditions").isNull()).isTrue();
        assertThat(parties(drafted)).containsExactly("OWNER Finance: frank (Frank Franklin)",
                "RECIPIENT Community Development: dana (Dana Dalton)");
        assertThat(drafted.get("text").asText()).contains(reference).contains("FIN-UTILITY-ACCOUNTS")
                .contains("holds personal information");

        assertThat(sign("frank", taskAssignedTo(reference, "frank"), "Frank Franklin", reference).status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana");

        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        JsonNode inForce = agreement("alex", reference);
        assertThat(inForce.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(inForce.get("number").asText()).isEqualTo(drafted.get("number").asText());
        assertThat(inForce.get("effectiveDate").asText()).isEqualTo(LocalDate.now(clock).toString());
        assertThat(inForce.get("expiryDate").asText())
                .isEqualTo(request("alex", reference).get("request").get("endDate").asText());
        assertThat(inForce.get("signatures").findValuesAsText("signer")).containsExactly("frank", "dana");
        assertThat(waitingOn(reference)).containsExactly("deliverData -> custodians-fin");
        assertThat(tasksListedFor("frank", reference)).containsExactly("deliverData");

        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", "Sent by SFTP").status())
                .isEqualTo(204);
        runJobs();

        JsonNode done = request("alex", reference);
        assertThat(done.get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(done.get("currentTasks")).isEmpty();
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "fiona:approveAsSteward:approve:api", "pat:privacyReview:approve:api",
                "frank:signAgreement:sign:api", "dana:signAgreement:sign:api", "frank:deliverData:delivered:api");
        assertThat(done.get("history").get(2).get("actorName").asText()).isEqualTo("Pat Patel");
        assertThat(done.get("history").get(2).get("comment").asText()).isEqualTo("Addresses only, no names");
        assertThat(registerEntry("audrey", drafted.get("number").asText()).get("status").asText())
                .isEqualTo("IN_FORCE");
    }

    @Test
    void internalDataLeavingTheCityIsReviewedForPrivacyAndAnAdminRecordsThePartnersSignature() {
        Map<String, Object> body = requestBody("Work orders for a university study", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "University of Montana",
                "signatoryName", "Morgan Reyes", "signatoryEmail", "morgan.reyes@umontana.example.org"));
        Answer submittedAnswer = post("alex", "/api/requests", body);
        assertThat(submittedAnswer.status()).isEqualTo(201);
        String reference = submittedAnswer.body().get("reference").asText();
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isTrue();
        assertThat(submitted.get("agreementRequired").asBoolean()).isTrue();

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        // The partner has no account: their signing task waits for the admins, who record the signature.
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> admins", "signAgreement -> wes");
        JsonNode drafted = agreement("alex", reference);
        assertThat(parties(drafted)).containsExactly("OWNER Public Works: wes (Wes Weller)",
                "RECIPIENT University of Montana: external (Morgan Reyes)");
        assertThat(tasksListedFor("admin", reference)).containsExactly("signAgreement");
        assertThat(tasksListedFor("wes", reference)).containsExactly("signAgreement");
        String partnerTask = taskFor(reference, "admins");
        Answer notWes = sign("wes", partnerTask, "Wes Weller", reference);
        assertThat(notWes.status()).isEqualTo(403);
        assertThat(notWes.body().get("detail").asText()).contains("admins");

        assertThat(sign("admin", partnerTask, "Morgan Reyes", reference).status()).isEqualTo(204);
        runJobs();
        JsonNode partnerSigned = agreement("alex", reference);
        assertThat(partnerSigned.get("status").asText()).isEqualTo("OUT_FOR_SIGNATURE");
        assertThat(partnerSigned.get("signatures")).hasSize(1);
        JsonNode recorded = partnerSigned.get("signatures").get(0);
        assertThat(recorded.get("signer").asText()).isEqualTo("admin");
        assertThat(recorded.get("party").asText()).isEqualTo("University of Montana (receives the data)");
        assertThat(recorded.get("typedName").asText()).isEqualTo("Morgan Reyes");

        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(currentTasks(reference)).isEmpty();
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "sam:approveAsSteward:approve:api", "pat:privacyReview:approve:api", "admin:signAgreement:sign:api",
                "wes:signAgreement:sign:api", "wes:deliverData:delivered:api");
    }

    @Test
    void internalDataBetweenDepartmentsIsSignedForWithNoPrivacyReview() {
        String reference = submit("Work orders for the neighbourhood plan", "PW-WORK-ORDERS");
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isFalse();
        assertThat(submitted.get("agreementRequired").asBoolean()).isTrue();
        assertThat(get("pat", "/api/requests/" + reference).status()).as("the privacy office is not on it")
                .isEqualTo(404);

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> wes");
        assertThat(parties(agreement("dana", reference))).containsExactly("OWNER Public Works: wes (Wes Weller)",
                "RECIPIENT Community Development: dana (Dana Dalton)");
        assertThat(tasksListedFor("pat", reference)).isEmpty();

        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(currentTasks(reference)).isEmpty();
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "sam:approveAsSteward:approve:api", "wes:signAgreement:sign:api", "dana:signAgreement:sign:api",
                "wes:deliverData:delivered:api");
        assertThat(get("pat", "/api/requests/" + reference).status()).isEqualTo(404);
    }

    @Test
    void publicDataIsDeliveredWithNoAgreement() {
        String reference = submit("Street centerlines for the bike plan", "PW-STREET-CENTERLINES");
        JsonNode submitted = request("alex", reference);
        assertThat(submitted.get("privacyReviewRequired").asBoolean()).isFalse();
        assertThat(submitted.get("agreementRequired").asBoolean()).isFalse();

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(waitingOn(reference)).containsExactly("deliverData -> custodians-pw");
        assertThat(get("alex", "/api/requests/" + reference + "/agreement").status()).isEqualTo(404);

        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", "Published link sent").status())
                .isEqualTo(204);
        runJobs();

        JsonNode delivered = request("alex", reference);
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("currentTasks")).isEmpty();
        Answer noAgreement = get("alex", "/api/requests/" + reference + "/agreement");
        assertThat(noAgreement.status()).isEqualTo(404);
        assertThat(noAgreement.body().get("detail").asText()).contains(reference);
        assertThat(get("audrey", "/api/agreements").body().findValuesAsText("requestReference"))
                .doesNotContain(reference);
        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "sam:approveAsSteward:approve:api", "wes:deliverData:delivered:api");
    }

    private JsonNode registerEntry(String user, String number) {
        for (JsonNode entry : get(user, "/api/agreements").body()) {
            if (entry.get("number").asText().equals(number)) {
                return entry;
            }
        }
        throw new AssertionError("The register shows " + user + " no agreement " + number);
    }
}
