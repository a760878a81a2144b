package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.steward.portal.IntegrationTest;

/** Dates from 1900-01-01 to 2100-12-31 in any field, or a 400 that says so: never another date stored, never a 500. */
class DateLimitsTest extends IntegrationTest {

    private static final String RANGE = "use a date between 1900-01-01 and 2100-12-31.";

    @Test
    void aRequestsDatesOutOfRangeAreRefusedNotStoredAsOtherDates() {
        for (String date : List.of("-0001-01-01", "0000-01-01", "1899-12-31")) {
            Map<String, Object> body = requestBody("Dates long ago", "PW-WORK-ORDERS");
            body.put("startDate", date);
            Answer answer = post("alex", "/api/requests", body);
            assertThat(answer.status()).as("start %s: %s", date, answer.body()).isEqualTo(400);
            assertThat(answer.body().get("errors").get("startDate").asText())
                    .isEqualTo("The date " + date + " is out of range: " + RANGE);
        }
        for (String date : List.of("+99999-12-31", "2101-01-01")) {
            Map<String, Object> body = requestBody("Dates far ahead", "PW-WORK-ORDERS");
            body.put("endDate", date);
            Answer answer = post("alex", "/api/requests", body);
            assertThat(answer.status()).as("end %s: %s", date, answer.body()).isEqualTo(400);
            assertThat(answer.body().get("errors").get("endDate").asText()).contains("is out of range: " + RANGE);
        }
        Map<String, Object> last = requestBody("Until the last day", "PW-WORK-ORDERS");
        last.put("endDate", "2100-12-31");
        Answer accepted = post("alex", "/api/requests", last);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
        assertThat(request("alex", accepted.body().get("reference").asText()).get("request").get("endDate").asText())
                .isEqualTo("2100-12-31");
    }

    @Test
    void aRevisionsDatesAreCheckedAlike() {
        String reference = submit("Revised into the far future", "PW-WORK-ORDERS");
        Map<String, Object> body = requestBody("Revised into the far future", "PW-WORK-ORDERS");
        body.put("endDate", "+99999-12-31");
        Answer answer = put("alex", "/api/requests/" + reference, body);
        assertThat(answer.status()).isIn(400, 409);
        assertThat(request("alex", reference).get("request").get("endDate").asText()).doesNotContain("99999");
    }

    @Test
    void theWebFormSaysWhichDateIsOutOfRangeAndKeepsIt() throws Exception {
        MockHttpServletResponse answer = mvc.perform(multipart("/requests/new").param("title", "Typed dates")
                .param("purpose", "Estimate rental occupancy by neighbourhood for the plan.")
                .param("legalBasis", "City charter").param("datasets", "PW-WORK-ORDERS")
                .param("recipientType", "INTERNAL").param("recipientDepartment", "CD").param("frequency", "ONE_TIME")
                .param("deliveryMethod", "File transfer").param("retention", "A year").param("securityControls", "Two")
                .param("startDate", "0000-01-01").param("endDate", "2200-01-01").param("action", "submit")
                .with(httpBasic("alex", "demo")).with(csrf())).andReturn().getResponse();

        Document page = Jsoup.parse(answer.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#startDate-error").text()).contains("The date 0000-01-01 is out of range");
        assertThat(page.select("#endDate-error").text()).contains("The date 2200-01-01 is out of range");
        assertThat(page.select("#startDate").val()).isEqualTo("0000-01-01");
        assertThat(page.select("#title").val()).isEqualTo("Typed dates");
    }

    @Test
    void reportPeriodsOutOfRangeAreRefused() {
        Answer from = get("admin", "/api/reports/steps?from=0000-01-01");
        assertThat(from.status()).as("%s", from.body()).isEqualTo(400);
        assertThat(from.body().get("errors").get("from").asText()).contains("out of range: " + RANGE);
        Answer to = get("admin", "/api/reports/steps?to=2200-01-01");
        assertThat(to.status()).as("%s", to.body()).isEqualTo(400);
        assertThat(to.body().get("errors").get("to").asText()).contains("out of range");
    }
}
