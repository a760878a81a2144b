package org.steward.portal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.CsvText;
import org.steward.portal.request.Pages;
import org.steward.portal.task.TaskPages;

/**
 * The turnaround report as auditors and admins read it: decisions per step with their outcomes and how long they
 * waited, tasks waiting now, a step that exists only in a model deployed here, requests by status and how long the
 * finished ones took; the page, the CSV and the API with the same numbers; nobody else gets in. Each test works on
 * days years in the past (the engine's clock is moved there), so the figures of its period are its own.
 */
class TurnaroundReportTest extends TaskPages {

    private static final String ADDED_PROCESS = "reportTestLegalReview";
    private static final String ADDED_STEP = "reportTestLegalCheck";
    private static final String ADDED_STEP_NAME = "Legal review (report test)";
    private static final String ADDED_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="reportTestDefinitions"
                targetNamespace="http://steward.example.org/test">
              <bpmn:process id="reportTestLegalReview" name="Legal review (report test)" isExecutable="true"
                  camunda:historyTimeToLive="P30D">
                <bpmn:startEvent id="reportTestStart"><bpmn:outgoing>toReportTestStatus</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="toReportTestStatus" sourceRef="reportTestStart" targetRef="reportTestStatus"/>
                <bpmn:serviceTask id="reportTestStatus" name="Status: legal review"
                    camunda:delegateExpression="${setStatus}">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="status">Legal review (report test)</camunda:inputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                  <bpmn:incoming>toReportTestStatus</bpmn:incoming>
                  <bpmn:outgoing>toReportTestCheck</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="toReportTestCheck" sourceRef="reportTestStatus" targetRef="reportTestLegalCheck"/>
                <bpmn:userTask id="reportTestLegalCheck" name="Legal review (report test)"
                    camunda:candidateGroups="staff-cd">
                  <bpmn:extensionElements>
                    <camunda:formData>
                      <camunda:formField id="decision" label="Decision" type="enum">
                        <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                        <camunda:value id="cleared" name="Cleared"/>
                        <camunda:value id="needs_work" name="Needs more work"/>
                      </camunda:formField>
                    </camunda:formData>
                  </bpmn:extensionElements>
                  <bpmn:incoming>toReportTestCheck</bpmn:incoming>
                  <bpmn:outgoing>toReportTestEnd</bpmn:outgoing>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="toReportTestEnd" sourceRef="reportTestLegalCheck" targetRef="reportTestEnd"/>
                <bpmn:endEvent id="reportTestEnd"><bpmn:incoming>toReportTestEnd</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    private Clock clock;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private TaskService engineTasks;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void decisionsAreCountedByOutcomeAndTimedFromWaitingToDecisionWithWhatWaitsNow() throws Exception {
        LocalDate day = aTuesdayYearsAgo(8);
        String delivering = null;
        try {
            JsonNode before = steps("audrey", day, day.plusDays(1));
            int stewardsWaiting = waitingNow(before, "approveAsSteward");
            int deliveriesWaiting = waitingNow(before, "deliverData");

            clockAt(day, 9, 0);
            String delivered = submit("Report test: centerlines delivered", "PW-STREET-CENTERLINES");
            String rejected = submit("Report test: centerlines rejected", "PW-STREET-CENTERLINES");
            delivering = submit("Report test: centerlines being delivered", "PW-STREET-CENTERLINES");
            assertThat(waitingNow(steps("audrey", day, day.plusDays(1)), "approveAsSteward"))
                    .isEqualTo(stewardsWaiting + 3);

            clockAt(day, 11, 0);
            assertThat(decide("sam", taskFor(rejected, "stewards-pw"), "reject", "Not for this purpose").status())
                    .isEqualTo(204);
            runJobs();
            clockAt(day, 14, 0);
            assertThat(decide("sam", taskFor(delivered, "stewards-pw"), "approve", null).status()).isEqualTo(204);
            runJobs();
            clockAt(day, 17, 0);
            assertThat(decide("sam", taskFor(delivering, "stewards-pw"), "approve", null).status()).isEqualTo(204);
            runJobs();
            clockAt(day.plusDays(1), 9, 0);
            assertThat(decide("wes", taskFor(delivered, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
            runJobs();
            assertThat(request("alex", delivered).get("status").asText()).isEqualTo("DELIVERED");

            JsonNode report = steps("audrey", day, day.plusDays(1));
            assertThat(report.get("from").asText()).isEqualTo(day.toString());
            assertThat(report.get("to").asText()).isEqualTo(day.plusDays(1).toString());
            JsonNode stewards = step(report, "approveAsSteward");
            assertThat(stewards.get("name").asText()).isEqualTo("Approve as data steward");
            assertThat(stewards.get("decisions").asInt()).isEqualTo(3);
            assertThat(outcomes(stewards)).containsExactly(Map.entry("approve", 2), Map.entry("reject", 1));
            assertThat(stewards.get("timedDecisions").asInt()).isEqualTo(3);
            // Waits of 2, 5 and 8 hours: the median is 5; the 90th percentile, as a spreadsheet's PERCENTILE.INC
            // counts it, lies 80% of the way from 5 to 8.
            assertThat(stewards.get("medianHours").asDouble()).isEqualTo(5.0);
            assertThat(stewards.get("percentile90Hours").asDouble()).isEqualTo(7.4);
            assertThat(stewards.get("waitingNow").asInt()).isEqualTo(stewardsWaiting);

            JsonNode delivery = step(report, "deliverData");
            assertThat(delivery.get("name").asText()).isEqualTo("Deliver the data");
            assertThat(delivery.get("decisions").asInt()).isEqualTo(1);
            assertThat(outcomes(delivery)).containsExactly(Map.entry("delivered", 1));
            assertThat(delivery.get("medianHours").asDouble()).as("from 14:00 to 09:00 the next day").isEqualTo(19.0);
            assertThat(delivery.get("percentile90Hours").asDouble()).isEqualTo(19.0);
            assertThat(delivery.get("waitingNow").asInt()).isEqualTo(deliveriesWaiting + 1);
            assertThat(Instant.parse(delivery.get("oldestWaitingSince").asText()))
                    .isBeforeOrEqualTo(at(day, 17, 0));
            assertThat(keys(report)).as("the order requests reach the steps in")
                    .containsSubsequence("approveAsSteward", "deliverData");

            Document page = page("audrey", "/reports?from=" + day + "&to=" + day.plusDays(1));
            Element stewardsRow = page.selectFirst("#steps tr[data-step=approveAsSteward]");
            assertThat(stewardsRow.selectFirst("th").text()).isEqualTo("Approve as data steward approveAsSteward");
            assertThat(cell(stewardsRow, "Decisions")).isEqualTo("3");
            assertThat(cell(stewardsRow, "Outcomes")).isEqualTo("Approved: 2; Rejected: 1");
            assertThat(cell(stewardsRow, "Typical time to decide")).isEqualTo("5 hours");
            assertThat(cell(stewardsRow, "Nine in ten decided within")).isEqualTo("7.4 hours");
            Element deliveryRow = page.selectFirst("#steps tr[data-step=deliverData]");
            assertThat(cell(deliveryRow, "Typical time to decide")).isEqualTo("19 hours");
            assertThat(cell(deliveryRow, "Waiting now")).isEqualTo(String.valueOf(deliveriesWaiting + 1));
            assertThat(page.selectFirst("#statuses caption").text())
                    .isEqualTo("3 requests submitted in this period, by where they stand now");
            assertThat(Pages.rows(page, "#statuses")).containsExactly("Being delivered | 1", "Delivered | 1",
                    "Rejected | 1");
            assertThat(Pages.rows(page, "#finished")).containsExactly("Delivered | 1 | 24 hours",
                    "Delivered under an agreement in force | 0 | ", "Rejected | 1 | 2 hours",
                    "Withdrawn by the requester | 0 | ");

            assertCsvMatches(report, "audrey", day, day.plusDays(1));
        } finally {
            if (delivering != null && "DELIVERY".equals(request("alex", delivering).get("status").asText())) {
                decide("wes", taskFor(delivering, "custodians-pw"), "delivered", null);
                runJobs();
            }
        }
    }

    @Test
    void aStepAnAdminAddedShowsUpWithItsNameAndOldDecisionsAreCountedButNotTimed() throws Exception {
        LocalDate day = aTuesdayYearsAgo(8).plusWeeks(2);
        clockAt(day, 10, 0);
        String reference = submit("Report test: a legal review added", "PW-STREET-CENTERLINES");
        assertThat(step(steps("admin", day, day), ADDED_STEP)).as("not deployed yet").isNull();
        Deployment deployment = repository.createDeployment().name("report test: an added step")
                .addString("report-test-legal-review.bpmn", ADDED_MODEL).deploy();
        try {
            String instance = runtime.startProcessInstanceByKey(ADDED_PROCESS, reference).getId();
            String task = engineTasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
            JsonNode waiting = step(steps("admin", day, day), ADDED_STEP);
            assertThat(waiting.get("name").asText()).isEqualTo(ADDED_STEP_NAME);
            assertThat(waiting.get("decisions").asInt()).isZero();
            assertThat(waiting.get("waitingNow").asInt()).isEqualTo(1);
            assertThat(Instant.parse(waiting.get("oldestWaitingSince").asText())).isEqualTo(at(day, 10, 0));
            assertThat(waiting.get("medianHours").isNull()).isTrue();

            clockAt(day, 13, 30);
            assertThat(decide("alex", task, "cleared", null).status()).isEqualTo(204);

            // A decision recorded before Steward kept waiting times: counted, not timed.
            String oldStep = "reportTestOldStep" + UUID.randomUUID().toString().substring(0, 8);
            jdbc.update("INSERT INTO decision (request_reference, task_id, step, step_name, actor, outcome, channel, "
                    + "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", reference, UUID.randomUUID().toString(), oldStep,
                    "An old step", "sam", "approve", "web", Timestamp.from(at(day, 12, 0)));

            JsonNode report = steps("admin", day, day);
            JsonNode added = step(report, ADDED_STEP);
            assertThat(added.get("name").asText()).isEqualTo(ADDED_STEP_NAME);
            assertThat(added.get("decisions").asInt()).isEqualTo(1);
            assertThat(outcomes(added)).containsExactly(Map.entry("cleared", 1));
            assertThat(added.get("timedDecisions").asInt()).isEqualTo(1);
            assertThat(added.get("medianHours").asDouble()).isEqualTo(3.5);
            assertThat(added.get("percentile90Hours").asDouble()).isEqualTo(3.5);
            assertThat(added.get("waitingNow").asInt()).isZero();
            JsonNode old = step(report, oldStep);
            assertThat(old.get("decisions").asInt()).isEqualTo(1);
            assertThat(old.get("timedDecisions").asInt()).isZero();
            assertThat(old.get("medianHours").isNull()).isTrue();

            Document page = page("admin", "/reports?from=" + day + "&to=" + day);
            Element row = page.selectFirst("#steps tr[data-step=" + ADDED_STEP + "]");
            assertThat(row.selectFirst("th").text()).isEqualTo(ADDED_STEP_NAME + " " + ADDED_STEP);
            assertThat(cell(row, "Outcomes")).isEqualTo("cleared: 1");
            assertThat(cell(row, "Typical time to decide")).isEqualTo("3.5 hours");
            assertThat(cell(row, "Oldest waiting since")).isEqualTo("Nothing waiting");
            Element oldRow = page.selectFirst("#steps tr[data-step=" + oldStep + "]");
            assertThat(cell(oldRow, "Typical time to decide")).isEqualTo("Not known from 0 of 1 decisions");
            assertThat(Pages.rows(page, "#statuses")).as("a step's own status, in its words")
                    .containsExactly("Legal review (report test) | 1");

            assertCsvMatches(report, "admin", day, day);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
            post("alex", "/api/requests/" + reference + "/withdraw", Map.of("reason", "Only a report test"));
            runJobs();
        }
        assertThat(step(steps("admin", day, day), ADDED_STEP).get("name").asText())
                .as("kept in our own rows once the model is gone").isEqualTo(ADDED_STEP_NAME);
    }

    @Test
    void auditorsAndAdminsSeeTheReportsAndNobodyElse() throws Exception {
        for (String reader : List.of("audrey", "admin")) {
            Document page = page(reader, "/reports");
            assertThat(page.selectFirst("h1").text()).isEqualTo("Turnaround");
            assertThat(page.select("nav a[href=/reports]").eachText()).containsExactly("Reports");
            assertThat(page.select("main h2").eachText()).contains("Steps", "Requests");
            assertThat(page.select("table caption").eachText())
                    .contains("Requests that finished in this period, and how long they took from submission");
            assertThat(get(reader, "/api/reports/steps").status()).isEqualTo(200);
        }
        LocalDate today = LocalDate.now(clock);
        Document page = page("audrey", "/reports");
        assertThat(page.selectFirst("input#from").val()).isEqualTo(today.minusMonths(12).plusDays(1).toString());
        assertThat(page.selectFirst("input#to").val()).isEqualTo(today.toString());
        JsonNode fullYear = get("audrey", "/api/reports/steps").body();
        assertThat(fullYear.get("from").asText()).isEqualTo(today.minusMonths(12).plusDays(1).toString());
        assertThat(fullYear.get("to").asText()).isEqualTo(today.toString());

        MvcResult refused = open("alex", "/reports");
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(refused).selectFirst("h1").text()).isEqualTo("Not yours to do");
        assertThat(open("alex", "/reports.csv").getResponse().getStatus()).isEqualTo(403);
        assertThat(page("alex", "/requests").select("a[href=/reports]")).as("no link for a requester").isEmpty();
        Answer api = get("alex", "/api/reports/steps");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(api.body().get("detail").asText()).contains("auditors and admins");
        assertThat(get(null, "/api/reports/steps").status()).isEqualTo(401);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/reports")).andReturn().getResponse().getStatus())
                .as("sent to the login page").isEqualTo(302);
    }

    @Test
    void aPeriodThatCannotBeReadIsRefusedSayingHowToWriteIt() throws Exception {
        Answer unreadable = get("audrey", "/api/reports/steps?from=31/01/2026");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(unreadable.body().get("errors").get("from").asText())
                .isEqualTo("\"31/01/2026\" is not a date we can read. Write it like 2026-01-31.");
        Answer backwards = get("audrey", "/api/reports/steps?from=2026-03-01&to=2026-02-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("errors").get("from").asText()).contains("Choose a start on or before the end");

        MvcResult page = open("audrey", "/reports?from=31/01/2026");
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(page);
        assertThat(shown.select(".alert--error li").eachText())
                .containsExactly("\"31/01/2026\" is not a date we can read. Write it like 2026-01-31.");
        assertThat(shown.select("#steps")).isEmpty();
        MvcResult csv = open("audrey", "/reports.csv?to=tomorrow");
        assertThat(csv.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(csv).selectFirst("h1").text()).isEqualTo("Check the period");
    }

    /** Every step of the CSV for the period carries the numbers the API gives, and the other way round. */
    private void assertCsvMatches(JsonNode report, String user, LocalDate from, LocalDate to) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        ResponseEntity<byte[]> answer = http.exchange("/reports.csv?from=" + from + "&to=" + to, HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(answer.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("steward-turnaround-" + from + "-to-" + to + ".csv");
        List<List<String>> csv = CsvText.parse(new String(answer.getBody(), StandardCharsets.UTF_8));
        assertThat(csv.get(0)).containsExactly("Step", "Step name", "Decisions", "Outcomes",
                "Decisions with a known waiting time", "Median hours to decide", "90th percentile hours to decide",
                "Waiting now", "Oldest waiting since");
        List<String> fromCsv = csv.subList(1, csv.size()).stream()
                .map(line -> String.join(" | ", line.get(0), line.get(1), line.get(2), line.get(4), line.get(5),
                        line.get(6), line.get(7), String.valueOf(line.get(3).isEmpty() ? 0
                                : line.get(3).split("; ").length)))
                .toList();
        List<String> fromApi = new ArrayList<>();
        for (JsonNode step : report.get("steps")) {
            fromApi.add(String.join(" | ", step.get("step").asText(), step.get("name").asText(),
                    step.get("decisions").asText(), step.get("timedDecisions").asText(), number(step, "medianHours"),
                    number(step, "percentile90Hours"), step.get("waitingNow").asText(),
                    String.valueOf(step.get("outcomes").size())));
        }
        assertThat(fromCsv).isEqualTo(fromApi);
    }

    private static String number(JsonNode step, String field) {
        return step.get(field).isNull() ? "" : String.valueOf(step.get(field).asDouble());
    }

    private JsonNode steps(String user, LocalDate from, LocalDate to) {
        Answer answer = get(user, "/api/reports/steps?from=" + from + "&to=" + to);
        assertThat(answer.status()).as("report for %s", user).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode step(JsonNode report, String key) {
        for (JsonNode step : report.get("steps")) {
            if (step.get("step").asText().equals(key)) {
                return step;
            }
        }
        return null;
    }

    private static int waitingNow(JsonNode report, String key) {
        JsonNode step = step(report, key);
        return step == null ? 0 : step.get("waitingNow").asInt();
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.get("steps").forEach(step -> keys.add(step.get("step").asText()));
        return keys;
    }

    private static Map<String, Integer> outcomes(JsonNode step) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        step.get("outcomes").fields().forEachRemaining(e -> outcomes.put(e.getKey(), e.getValue().asInt()));
        return outcomes;
    }

    private static String cell(Element row, String label) {
        return row.selectFirst("td[data-label=\"" + label + "\"]").text();
    }

    /** A Tuesday in March some years back: a working day long before anything other tests do. */
    private LocalDate aTuesdayYearsAgo(int years) {
        return LocalDate.now(clock).minusYears(years).withMonth(3)
                .with(TemporalAdjusters.firstInMonth(DayOfWeek.TUESDAY));
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(clock.getZone()).toInstant();
    }

    private void clockAt(LocalDate day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(at(day, hour, minute)));
    }

}
