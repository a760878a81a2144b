package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.request.RequestService;

/**
 * The engine's history cleanup as an operator sets it up: a nightly window the engine reports through its API, a
 * cleanup job waiting for it, and a cleanup that removes the engine's history of an ended request while Steward's own
 * evidence of it (timeline, decisions, audit events, agreement and its signed PDF) stays whole.
 */
class HistoryCleanupTest extends IntegrationTest {

    @Autowired
    private ProcessEngine engine;

    @Autowired
    private HistoryService history;

    @Autowired
    private ManagementService management;

    @Autowired
    private RequestService requests;

    @Test
    void theEngineReportsTheNightlyWindowAndHasACleanupJobWaitingForIt() {
        Answer configuration = get("admin", "/engine-rest/history/cleanup/configuration");
        assertThat(configuration.status()).as("%s", configuration.body()).isEqualTo(200);
        JsonNode body = configuration.body();
        assertThat(body.get("enabled").asBoolean()).isTrue();
        ProcessEngineConfigurationImpl engine = ((ProcessEngineImpl) this.engine).getProcessEngineConfiguration();
        assertThat(engine.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(engine.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(engine.getHistoryCleanupBatchSize()).isEqualTo(100);
        assertThat(engine.getHistoryCleanupJobLogTimeToLive()).isEqualTo("P30D");
        // The window the engine works out from 22:00-05:00 in the server's time zone: the current one or the next.
        ZoneId server = ZoneId.systemDefault();
        ZonedDateTime start = ZonedDateTime.parse(body.get("batchWindowStartTime").asText(), ENGINE_TIME)
                .withZoneSameInstant(server);
        ZonedDateTime end = ZonedDateTime.parse(body.get("batchWindowEndTime").asText(), ENGINE_TIME)
                .withZoneSameInstant(server);
        assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(22, 0));
        assertThat(end.toLocalTime()).isEqualTo(LocalTime.of(5, 0));
        assertThat(end).isEqualTo(start.plusDays(1).withHour(5));
        assertThat(end.toInstant()).isAfter(new Date().toInstant());

        // The engine schedules its cleanup job itself at start; an admin can always ask for one (Cockpit, the API).
        List<Job> jobs = history.findHistoryCleanupJobs();
        if (jobs.isEmpty()) {
            history.cleanUpHistoryAsync(false);
            jobs = history.findHistoryCleanupJobs();
        }
        assertThat(jobs).as("the engine's history cleanup jobs").isNotEmpty();
        Answer listed = get("admin", "/engine-rest/history/cleanup/jobs");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("id")).containsAll(jobs.stream().map(Job::getId).toList());
        for (Job job : jobs) {
            // Due at the window's start, or, inside the window, a little later (its back-off between rounds).
            assertThat(job.getDuedate().toInstant()).as("when the cleanup job runs")
                    .isBetween(start.toInstant().minusSeconds(1), end.toInstant());
        }
    }

    @Test
    void cleaningUpARequestsEngineHistoryLeavesStewardsEvidenceOfItWhole() throws Exception {
        String reference = endedWithAnAgreement("History cleanup: an agreement ended early");
        String processInstanceId = requests.byReference(reference).orElseThrow().getProcessInstanceId();
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        assertThat(ended.getEndTime()).as("the request's process has ended").isNotNull();
        // Ten years of calendar days in the server's time zone, as the engine counts them.
        assertThat(ended.getRemovalTime()).as("removed its time to live (3650 days) after it ended")
                .isEqualTo(Date.from(ended.getEndTime().toInstant().atZone(ZoneId.systemDefault()).plusDays(3650)
                        .toInstant()));

        JsonNode before = request("audrey", reference);
        JsonNode auditBefore = get("audrey", "/api/audit?reference=" + reference).body().get("items");
        String number = agreement("alex", reference).get("number").asText();
        byte[] pdfBefore = pdf(number);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).count()).isPositive();

        // Ten years on, as far as this request is concerned: its removal time is now, and the cleanup runs.
        history.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(new Date())
                .byIds(processInstanceId).executeAsync();
        runJobs();
        Job cleanup = history.cleanUpHistoryAsync(true);
        management.executeJob(cleanup.getId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
                .as("the engine's history of the request").isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).count())
                .isZero();

        JsonNode after = request("audrey", reference);
        assertThat(after.get("status").asText()).isEqualTo(before.get("status").asText());
        assertThat(outcomes(after.get("history"))).as("the timeline: who decided what, when, how")
                .isEqualTo(outcomes(before.get("history")));
        assertThat(get("audrey", "/api/audit?reference=" + reference).body().get("items")).isEqualTo(auditBefore);
        assertThat(pdf(number)).as("the signed PDF").isEqualTo(pdfBefore);
        JsonNode verification = get("audrey", "/api/agreements/" + number + "/verification").body();
        assertThat(verification.get("intact").asBoolean()).as("%s", verification).isTrue();
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/requests/" + reference).with(httpBasic("audrey", "demo")))
                .andReturn().getResponse().getStatus()).as("the request's page").isEqualTo(200);
    }

    /** The timeline's entries without the model's words for an outcome, which come from the engine's history. */
    private static List<String> outcomes(JsonNode timeline) {
        return java.util.stream.StreamSupport.stream(timeline.spliterator(), false)
                .map(e -> String.join("|", e.get("time").asText(), e.get("actor").asText(), e.get("step").asText(),
                        e.get("outcome").asText(), e.path("comment").asText(), e.get("channel").asText()))
                .toList();
    }

    private byte[] pdf(String number) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/api/agreements/" + number + "/pdf")
                .with(httpBasic("audrey", "demo"))).andReturn().getResponse().getContentAsByteArray();
    }

    /** Finance's utility accounts for Community Development: reviewed, signed, delivered, then ended early. */
    private String endedWithAnAgreement(String title) {
        String reference = deliveredFinanceRequest(title);
        String number = agreement("alex", reference).get("number").asText();
        Map<String, Object> reason = new HashMap<>();
        reason.put("reason", "The housing study was cancelled.");
        Answer terminated = post("fiona", "/api/agreements/" + number + "/terminate", reason);
        assertThat(terminated.status()).as("%s", terminated.body()).isEqualTo(200);
        runJobs();
        // Ending early asks the custodians to confirm the data was removed; then the request's process ends.
        for (JsonNode task : currentTasks(reference)) {
            assertThat(decide("frank", task.get("id").asText(), "removed", null).status()).isEqualTo(204);
        }
        runJobs();
        return reference;
    }

    private static final java.time.format.DateTimeFormatter ENGINE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
}
