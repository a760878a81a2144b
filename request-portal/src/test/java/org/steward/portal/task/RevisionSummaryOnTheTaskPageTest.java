package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;


import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/** The reviewers of the next round see at once what the requester changed after they asked for changes. */
class RevisionSummaryOnTheTaskPageTest extends IntegrationTest {

    @Test
    void theStewardOfTheNextRoundReadsWhatChanged() throws Exception {
        String reference = submit("Work orders, revised for the steward", "PW-WORK-ORDERS");
        assertThat(page("sam", taskFor(reference, "stewards-pw")).select("#changed-in-revision")).as("first round")
                .isEmpty();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Say what the costs are for").status())
                .isEqualTo(204);
        runJobs();

        Map<String, Object> revision = requestBody("Work orders, revised for the steward", "PW-WORK-ORDERS");
        revision.put("purpose", "Compare repair costs by street type for the 2027 maintenance budget.");
        assertThat(put("alex", "/api/requests/" + reference, revision).status()).isEqualTo(200);
        String revise = request("alex", reference).get("currentTasks").get(0).get("id").asText();
        assertThat(decide("alex", revise, "resubmit", null).status()).isEqualTo(204);
        runJobs();

        Document next = page("sam", taskFor(reference, "stewards-pw"));
        assertThat(next.select("#changed-in-revision").text())
                .isEqualTo("Changed since changes were asked for: Purpose");
    }

    private Document page(String user, String taskId) throws Exception {
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/tasks/" + taskId).with(httpBasic(user, "demo"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }
}
