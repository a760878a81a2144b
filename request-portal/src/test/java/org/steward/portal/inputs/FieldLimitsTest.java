package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.problem.FieldLimit;

/**
 * Every text field has a limit, the size of the column it is kept in: one source (FieldLimit) that the database's own
 * description of its columns confirms, and a clear 400 naming each field and its limit, the web form keeping what
 * was typed.
 */
class FieldLimitsTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void everyLimitIsTheSizeOfTheSmallestColumnItsFieldIsKeptIn() throws Exception {
        Map<String, Integer> sizes = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet columns = connection.getMetaData().getColumns(connection.getCatalog(), null, "%", "%")) {
            while (columns.next()) {
                sizes.put((columns.getString("TABLE_NAME") + "." + columns.getString("COLUMN_NAME"))
                        .toLowerCase(Locale.ROOT), columns.getInt("COLUMN_SIZE"));
            }
        }
        for (FieldLimit limit : FieldLimit.values()) {
            int smallest = Integer.MAX_VALUE;
            for (String column : limit.columns()) {
                Integer size = sizes.get(column.toLowerCase(Locale.ROOT));
                assertThat(size).as("the column %s of %s exists", column, limit).isNotNull();
                smallest = Math.min(smallest, size);
            }
            assertThat(limit.max()).as("%s against its columns %s", limit, limit.columns()).isEqualTo(smallest);
        }
    }

    @Test
    void aRequestWithEveryTextOverItsLimitIsRefusedNamingEachFieldAndItsLimit() {
        long before = total("alex", "/api/requests");
        Map<String, Object> body = requestBody("Too long everywhere", "PW-WORK-ORDERS");
        body.put("title", "t".repeat(201));
        body.put("purpose", "p".repeat(4001));
        body.put("legalBasis", "l".repeat(1001));
        body.put("deliveryMethod", "d".repeat(1001));
        body.put("retention", "r".repeat(1001));
        body.put("securityControls", "s".repeat(2001));
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "o".repeat(201),
                "signatoryName", "n".repeat(201), "signatoryEmail", "e".repeat(190) + "@example.org"));
        body.put("datasets", List.of(Map.of("code", "PW-WORK-ORDERS", "elements", List.of("x".repeat(65)))));

        Answer answer = post("alex", "/api/requests", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().getContentType().toString()).isEqualTo("application/problem+json");
        JsonNode errors = answer.body().get("errors");
        assertThat(errors.get("title").asText())
                .isEqualTo("The title can be at most 200 characters long; this one has 201. Shorten it.");
        assertThat(errors.get("purpose").asText()).contains("at most 4,000 characters").contains("has 4,001");
        assertThat(errors.get("legalBasis").asText()).contains("at most 1,000 characters");
        assertThat(errors.get("deliveryMethod").asText()).contains("at most 1,000 characters");
        assertThat(errors.get("retention").asText()).contains("at most 1,000 characters");
        assertThat(errors.get("securityControls").asText()).contains("at most 2,000 characters");
        assertThat(errors.get("recipient.organisation").asText()).contains("at most 200 characters");
        assertThat(errors.get("recipient.signatoryName").asText()).contains("at most 200 characters");
        assertThat(errors.get("recipient.signatoryEmail").asText()).contains("at most 200 characters");
        assertThat(errors.get("datasets[0].elements").asText()).contains("at most 64 characters");
        assertThat(total("alex", "/api/requests")).as("nothing stored").isEqualTo(before);

        // At the limit everything fits, on every database.
        Map<String, Object> full = requestBody("t".repeat(200), "PW-WORK-ORDERS");
        full.put("purpose", "p".repeat(4000));
        full.put("legalBasis", "l".repeat(1000));
        full.put("deliveryMethod", "d".repeat(1000));
        full.put("retention", "r".repeat(1000));
        full.put("securityControls", "s".repeat(2000));
        full.put("recipient", Map.of("type", "EXTERNAL", "organisation", "o".repeat(200),
                "signatoryName", "n".repeat(200), "signatoryEmail", "e".repeat(188) + "@example.org"));
        Answer accepted = post("alex", "/api/requests", full);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
        JsonNode stored = request("alex", accepted.body().get("reference").asText()).get("request");
        assertThat(stored.get("purpose").asText()).isEqualTo("p".repeat(4000));
    }

    @Test
    void anAgreementMadeOfEveryAnswerAtItsLimitIsDrafted() {
        // Each answer at its limit, in the character that grows most as HTML (& becomes &amp;).
        Map<String, Object> body = requestBody("&".repeat(200), "PW-WORK-ORDERS");
        body.put("purpose", "&".repeat(4000));
        body.put("legalBasis", "&".repeat(1000));
        body.put("deliveryMethod", "&".repeat(1000));
        body.put("retention", "&".repeat(1000));
        body.put("securityControls", "&".repeat(2000));
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "&".repeat(200),
                "signatoryName", "&".repeat(200), "signatoryEmail", "rita.rivers@riverside.example.org"));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        Map<String, Object> answers = new HashMap<>(privacyAnswers());
        answers.put("conditions", "&".repeat(4000));
        Answer privacy = complete("pat", taskFor(reference, "privacy-office"), "approve_with_conditions", answers);
        assertThat(privacy.status()).as("%s", privacy.body()).isEqualTo(204);
        runJobs();

        JsonNode agreement = agreement("alex", reference);
        assertThat(agreement.get("text").asText()).contains("&amp;".repeat(4000));
    }

    @Test
    void theWebFormShowsEachLimitNextToItsFieldAndKeepsEverythingTyped() throws Exception {
        String purpose = "A purpose that goes on and on. ".repeat(130);
        MockMultipartHttpServletRequestBuilder form = multipart("/requests/new");
        form.param("title", "Long answers in the form");
        form.param("purpose", purpose);
        form.param("legalBasis", "City charter");
        form.param("datasets", "PW-WORK-ORDERS");
        form.param("recipientType", "EXTERNAL");
        form.param("recipientOrganisation", "Riverside University ".repeat(10));
        form.param("recipientSignatoryName", "Rita Rivers");
        form.param("recipientSignatoryEmail", "rita@example.org");
        form.param("frequency", "ONE_TIME");
        form.param("deliveryMethod", "Encrypted file transfer");
        form.param("retention", "Deleted after a year");
        form.param("securityControls", "Two analysts");
        form.param("startDate", LocalDate.now().plusDays(30).toString());
        form.param("endDate", LocalDate.now().plusDays(300).toString());
        form.param("action", "submit");

        MockHttpServletResponse answer = mvc.perform(form.with(httpBasic("alex", "demo")).with(csrf())).andReturn()
                .getResponse();

        assertThat(answer.getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(answer.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#purpose-error").text()).isEqualTo("Error: The purpose can be at most 4,000 characters "
                + "long; this one has " + String.format(Locale.US, "%,d", purpose.length()) + ". Shorten it.");
        assertThat(page.select("#recipientOrganisation-error").text()).contains("at most 200 characters");
        assertThat(page.select("#purpose").text()).isEqualTo(purpose.strip());
        assertThat(page.select("#purpose").attr("maxlength")).isEqualTo("4000");
        assertThat(page.select("#recipientOrganisation").val()).isEqualTo("Riverside University ".repeat(10));
        assertThat(page.select("#title").val()).isEqualTo("Long answers in the form");
    }

    @Test
    void aDraftTooLongToKeepIsRefusedWithEverythingTypedKept() throws Exception {
        MockMultipartHttpServletRequestBuilder form = multipart("/requests/new");
        form.param("title", "Drafted ".repeat(30));
        form.param("purpose", "Some purpose");
        form.param("action", "draft");

        MockHttpServletResponse answer = mvc.perform(form.with(httpBasic("alex", "demo")).with(csrf())).andReturn()
                .getResponse();

        assertThat(answer.getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(answer.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#title-error").text()).contains("The title can be at most 200 characters long");
        assertThat(page.select("#title").val()).isEqualTo("Drafted ".repeat(30));
        assertThat(page.select("#purpose").text()).isEqualTo("Some purpose");
    }

    @Test
    void aDecisionsCommentConditionsAndAnswersOverTheirLimitsAreRefusedByName() {
        // Shared with an outside organisation, so the privacy office reviews it too.
        Map<String, Object> body = requestBody("Work orders, long decisions", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Riverside University",
                "signatoryName", "Rita Rivers", "signatoryEmail", "rita.rivers@riverside.example.org"));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        Answer comment = decide("sam", taskFor(reference, "stewards-pw"), "approve", "c".repeat(4001));
        assertThat(comment.status()).isEqualTo(400);
        assertThat(comment.body().get("errors").get("comment").asText())
                .isEqualTo("The comment can be at most 4,000 characters long; this one has 4,001. Shorten it.");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", "c".repeat(4000)).status())
                .as("4000 characters fit").isEqualTo(204);
        runJobs();

        String privacy = taskFor(reference, "privacy-office");
        Map<String, Object> answers = new HashMap<>(privacyAnswers());
        answers.put("conditions", "k".repeat(4001));
        answers.put("personalData", "p".repeat(4001));
        Answer conditions = complete("pat", privacy, "approve_with_conditions", answers);
        assertThat(conditions.status()).isEqualTo(400);
        assertThat(conditions.body().get("errors").get("fields.conditions").asText())
                .startsWith("The conditions can be at most 4,000 characters long");
        assertThat(conditions.body().get("errors").get("fields.personalData").asText())
                .startsWith("This answer can be at most 4,000 characters long");

        answers.put("conditions", "k".repeat(4000));
        answers.put("personalData", "p".repeat(4000));
        Answer atTheLimit = complete("pat", privacy, "approve_with_conditions", answers);
        assertThat(atTheLimit.status()).as("%s", atTheLimit.body()).isEqualTo(204);
    }

    @Test
    void aCommentAWithdrawalReasonAndAFileNameOverTheirLimitsAreRefused() throws Exception {
        String reference = submit("Work orders, long words", "PW-WORK-ORDERS");

        MockHttpServletResponse withdrawal = mvc.perform(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw")
                .param("confirm", "true").param("reason", "w".repeat(4001)).with(httpBasic("alex", "demo"))
                .with(csrf())).andReturn().getResponse();
        assertThat(withdrawal.getStatus()).isEqualTo(400);
        assertThat(withdrawal.getContentAsString(StandardCharsets.UTF_8)).contains("at most 4,000 characters");
        assertThat(request("alex", reference).get("status").asText()).isNotEqualTo("WITHDRAWN");

        Answer api = post("alex", "/api/requests/" + reference + "/withdraw", Map.of("reason", "w".repeat(4001)));
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.body().get("errors").get("reason").asText()).contains("at most 4,000 characters");

        String longName = "n".repeat(252) + ".pdf";
        MockHttpServletResponse upload = mvc.perform(multipart("/requests/new").file(new MockMultipartFile("files",
                longName, "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                .param("title", "A file with a long name").param("action", "draft")
                .with(httpBasic("alex", "demo")).with(csrf())).andReturn().getResponse();
        Document page = Jsoup.parse(upload.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#attachments-error").text()).contains("is 256 characters long; names can be up to 255")
                .contains("Rename the file");
        assertThat(page.select("#title").val()).isEqualTo("A file with a long name");
    }

    @Test
    void adminFormsNameTheirLimitsNextToTheFieldAndKeepWhatWasTyped() throws Exception {
        String description = "Every tree the city looks after. ".repeat(70);
        MockHttpServletResponse answer = mvc.perform(MockMvcRequestBuilders.post("/admin/datasets").param("code", "PW-LONG-TREES")
                .param("name", "Street trees").param("description", description).param("department", "PW")
                .param("classification", "INTERNAL").param("pii", "false").param("elements", "tree_id")
                .with(httpBasic("admin", "demo")).with(csrf())).andReturn().getResponse();

        Document page = Jsoup.parse(answer.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#description-error").text()).contains("The description can be at most 2,000 "
                + "characters long; this one has " + String.format(Locale.US, "%,d", description.strip().length()));
        assertThat(page.select("#description").text()).isEqualTo(description.strip());
        assertThat(get("admin", "/api/datasets").body().toString()).doesNotContain("PW-LONG-TREES");
    }
}
