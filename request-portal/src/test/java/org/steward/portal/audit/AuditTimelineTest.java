package org.steward.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * A request's timeline shows its people what the audit trail keeps and matters to them: a renewal asked for, and an
 * agreement ended early with its reason, each with who did it and how.
 */
class AuditTimelineTest extends IntegrationTest {

    @Test
    void theTimelineShowsARenewalAndAnAgreementEndedEarlyWithItsReason() {
        String reference = inForce("Audit timeline: renewed, then ended early");
        Map<String, Object> renewal = new HashMap<>(requestBody("Renewal: audit timeline", "FIN-UTILITY-ACCOUNTS"));
        renewal.put("renewalOf", reference);
        Answer renewed = post("alex", "/api/requests", renewal);
        assertThat(renewed.status()).as("%s", renewed.body()).isEqualTo(201);
        String renewalReference = renewed.body().get("reference").asText();

        String number = agreement("alex", reference).get("number").asText();
        Answer ended = post("fiona", "/api/agreements/" + number + "/terminate",
                Map.of("reason", "The housing study was cancelled."));
        assertThat(ended.status()).as("%s", ended.body()).isEqualTo(200);

        assertThat(timeline(reference)).contains("alex:agreement_renewed:agreement_renewed:api",
                "fiona:agreement_terminated:agreement_terminated:api");
        var history = request("alex", reference).get("history");
        var termination = history.get(history.size() - 1);
        assertThat(termination.get("stepName").asText()).isEqualTo("Agreement ended early");
        assertThat(termination.get("comment").asText()).isEqualTo("The housing study was cancelled.");
        assertThat(termination.get("outcomeLabel").asText()).isEqualTo("Agreement " + number + " ended early");
        assertThat(history.findValuesAsText("outcomeLabel")).contains("Renewal requested: " + renewalReference);
    }

    /** Finance's utility accounts for Community Development, reviewed, signed by both directors and delivered. */
    private String inForce(String title) {
        String reference = deliveredFinanceRequest(title);
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        return reference;
    }
}
