package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;

/**
 * A submission the platform refuses names every field to fix, in plain words, and keeps nothing: not the request,
 * not its reference number, not a process instance.
 */
class SubmissionValidationTest extends IntegrationTest {

    @Autowired
    private CatalogService catalog;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RuntimeService runtime;

    @Autowired
    private HistoryService history;

    @Test
    void anEmptyBodyNamesEveryMissingField() {
        Answer answer = refused("{}");

        assertThat(answer.body().get("title").asText()).isEqualTo("Some fields need attention");
        assertThat(fields(answer)).containsExactlyInAnyOrder("title", "purpose", "legalBasis", "datasets",
                "recipient.type", "frequency", "deliveryMethod", "retention", "securityControls", "startDate",
                "endDate");
        assertThat(error(answer, "datasets")).contains("at least one dataset");
        assertThat(error(answer, "recipient.type")).contains("INTERNAL").contains("EXTERNAL");
    }

    @Test
    void aDatasetThatIsNotInTheCatalogueIsNamed() {
        Map<String, Object> body = requestBody("Permits", "PW-STREET-CENTERLINES");
        body.put("datasets", List.of(Map.of("code", "PW-NO-SUCH-DATASET", "elements", List.of())));

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactly("datasets[0].code");
        assertThat(error(answer, "datasets[0].code")).contains("There is no dataset \"PW-NO-SUCH-DATASET\"");
    }

    @Test
    void anElementTheDatasetDoesNotHaveIsNamedWithTheOnesItHas() {
        Map<String, Object> body = requestBody("Accounts", "FIN-UTILITY-ACCOUNTS");
        body.put("datasets", List.of(Map.of("code", "FIN-UTILITY-ACCOUNTS",
                "elements", List.of("account_id", "shoe_size"))));

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactly("datasets[0].elements");
        assertThat(error(answer, "datasets[0].elements")).contains("FIN-UTILITY-ACCOUNTS has no element shoe_size")
                .contains("account_id, service_address, account_type, owner_name, monthly_usage");
    }

    @Test
    void aPurposeUnderTwentyCharactersIsRefused() {
        Map<String, Object> body = requestBody("Centerlines", "PW-STREET-CENTERLINES");
        body.put("purpose", "For a map, please.");

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactly("purpose");
        assertThat(error(answer, "purpose")).contains("at least 20 characters");
    }

    @Test
    void anEndDateThatDoesNotComeAfterTheStartDateIsRefused() {
        Map<String, Object> sameDay = requestBody("Centerlines", "PW-STREET-CENTERLINES");
        sameDay.put("startDate", LocalDate.now().plusDays(40).toString());
        sameDay.put("endDate", LocalDate.now().plusDays(40).toString());
        Map<String, Object> before = requestBody("Centerlines", "PW-STREET-CENTERLINES");
        before.put("startDate", LocalDate.now().plusDays(40).toString());
        before.put("endDate", LocalDate.now().plusDays(39).toString());

        for (Map<String, Object> body : List.of(sameDay, before)) {
            Answer answer = refused(body);
            assertThat(fields(answer)).containsExactly("endDate");
            assertThat(error(answer, "endDate")).contains("must come after the start date");
        }
    }

    @Test
    void anEndDateInThePastIsRefused() {
        Map<String, Object> body = requestBody("Centerlines", "PW-STREET-CENTERLINES");
        body.put("startDate", LocalDate.now().minusDays(60).toString());
        body.put("endDate", LocalDate.now().minusDays(2).toString());

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactly("endDate");
        assertThat(error(answer, "endDate")).contains("must be in the future");
    }

    @Test
    void malformedJsonIsRefusedInPlainWords() {
        Answer answer = refused("{\"title\": \"Centerlines\", \"purpose\": ");

        assertThat(answer.body().get("detail").asText()).contains("not valid JSON");
        assertThat(fields(answer)).containsExactly("body");
    }

    @Test
    void aFrequencyThatDoesNotExistNamesTheFieldAndTheAllowedValues() {
        Map<String, Object> body = requestBody("Centerlines", "PW-STREET-CENTERLINES");
        body.put("frequency", "WEEKLY");

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactly("frequency");
        assertThat(error(answer, "frequency")).contains("ONE_TIME").contains("RECURRING");
    }

    @Test
    void anExternalRecipientNeedsItsOrganisationAndSignatory() {
        Map<String, Object> body = requestBody("Centerlines for the university", "PW-STREET-CENTERLINES");
        body.put("recipient", Map.of("type", "EXTERNAL"));

        Answer answer = refused(body);

        assertThat(fields(answer)).containsExactlyInAnyOrder("recipient.organisation", "recipient.signatoryName",
                "recipient.signatoryEmail");
        assertThat(error(answer, "recipient.organisation")).contains("organisation");
        assertThat(error(answer, "recipient.signatoryEmail")).contains("email address");
    }

    @Test
    void aFailureInsideTheEngineAfterTheRequestWasWrittenLeavesNothingBehind() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
        String departmentCode = "NS" + suffix;
        Department unstaffed = catalog.saveDepartment(new Department(departmentCode, "No stewards " + suffix,
                "staff-ns" + suffix.toLowerCase(Locale.ROOT), null, null, "dana"));
        String datasetCode = departmentCode + "-PERMITS";
        catalog.saveDataset(new Dataset(datasetCode, "Building permits", "Permits issued, by parcel.", unstaffed,
                Classification.PUBLIC, false, List.of("permit_id", "parcel")));

        String lastGood = submit("Centerlines before a failure", "PW-STREET-CENTERLINES");
        String theNextNumber = followingReference(lastGood);
        int listedBefore = auditorsList().size();
        long instancesBefore = history.createHistoricProcessInstanceQuery().count();
        String title = "Permits that cannot be routed " + suffix;

        Answer failed = post("alex", "/api/requests", requestBody(title, datasetCode));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(failed.body().get("detail").asText()).contains("Department " + departmentCode)
                .contains("no data steward group").containsIgnoringCase("nothing was saved");
        assertThat(auditorsList()).hasSize(listedBefore);
        assertThat(auditorsList()).extracting(r -> r.get("title").asText()).doesNotContain(title);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_request WHERE title = ?", Integer.class, title))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE request_reference = ?",
                Integer.class, theNextNumber)).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(theNextNumber).count())
                .isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(theNextNumber).count()).isZero();

        // The reference counter rolled back with the rest: the next good submission takes the number.
        assertThat(submit("Centerlines after a failure", "PW-STREET-CENTERLINES")).isEqualTo(theNextNumber);
    }

    /** Posts as alex, expects 400 as a problem, and checks that nobody can see a new request afterwards. */
    private Answer refused(Object body) {
        int listedBefore = auditorsList().size();
        int rowsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM data_request", Integer.class);

        Answer answer = post("alex", "/api/requests", body);

        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().get("status").asInt()).isEqualTo(400);
        assertThat(auditorsList()).as("the auditor's list after a refused submission").hasSize(listedBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_request", Integer.class)).isEqualTo(rowsBefore);
        return answer;
    }

    private List<JsonNode> auditorsList() {
        return everyItem("audrey", "/api/requests");
    }

    private static List<String> fields(Answer answer) {
        List<String> names = new ArrayList<>();
        answer.body().get("errors").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String error(Answer answer, String field) {
        JsonNode message = answer.body().get("errors").get(field);
        assertThat(message).as("error for %s in %s", field, answer.body()).isNotNull();
        return message.asText();
    }

    /** DR-2026-0041 -> DR-2026-0042. */
    private static String followingReference(String reference) {
        int cut = reference.lastIndexOf('-');
        return reference.substring(0, cut + 1)
                + String.format("%04d", Integer.parseInt(reference.substring(cut + 1)) + 1);
    }
}
