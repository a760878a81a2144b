package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.workflow.audit.AuditEventRepository;
import org.steward.workflow.audit.AuditEventType;

/**
 * A request moved to another version of its process keeps the dates its waiting step's reminder and escalation are due
 * on: it waited a day before the move, and is reminded on the day it would have been, not a day later.
 */
class MovedRequestKeepsItsRemindersTest extends ProcessPagesTest {

    @Autowired
    private ManagementService management;

    @Autowired
    private AuditEventRepository auditEvents;

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aRequestWaitingADayIsMovedAndItsReminderIsStillDueOnTheOriginalDate() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String key = key("keepTimers");
        String v1 = deploy(key, withTimers(key));
        String reference = submit("Moved with its reminders", "PW-STREET-CENTERLINES");
        String instance = runtime.startProcessInstanceByKey(key, reference).getId();
        Map<String, Instant> due = timers(instance);
        assertThat(due).containsOnly(Map.entry("reviewReminderDue", start.plus(Duration.ofDays(2))),
                Map.entry("reviewEscalationDue", start.plus(Duration.ofDays(5))));

        // A day later an admin deploys version 2 and moves the request to it.
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(1))));
        String v2 = deploy(key, withTimers(key));
        // Each deployment is an audit event: the admin, through the admin page.
        assertThat(auditEvents.findAll()).filteredOn(e -> e.getEventType() == AuditEventType.MODEL_DEPLOYED
                && e.getDetail().startsWith("Keeping reminders (" + key + ")")).extracting(e -> e.getActor()
                        + " " + e.getChannel() + " " + e.getDetail())
                .containsExactly("admin web Keeping reminders (" + key + ") version 1",
                        "admin web Keeping reminders (" + key + ") version 2");
        MvcResult moved = mvc.perform(form("/admin/processes/" + v1 + "/move").param("target", v2)
                .param("requests", instance).with(admin()).with(csrf())).andReturn();
        assertThat(html(moved).getElementById("summary").text()).isEqualTo("1 request moved, 0 not moved.");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getProcessDefinitionId()).isEqualTo(v2);

        assertThat(timers(instance)).as("the same dates as before the move, not a day later").isEqualTo(due);
        // The requester reads the move on the request's timeline, with who moved it.
        assertThat(timeline(reference)).contains("admin:process_version_changed:process_version_changed:web");
        String timelineText = html(mvc.perform(page("/requests/" + reference).with(alex())).andReturn())
                .getElementById("timeline").text();
        assertThat(timelineText).contains("Moved to another process version", "Moved from version 1 to version 2");

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(2)).minusSeconds(60)));
        assertThat(dueNow(instance)).isEmpty();
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(2)).plusSeconds(60)));
        assertThat(dueNow(instance)).as("the reminder is due on the original date").containsExactly(
                "reviewReminderDue");
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(5)).plusSeconds(60)));
        assertThat(dueNow(instance)).containsExactlyInAnyOrder("reviewReminderDue", "reviewEscalationDue");
    }

    /** The timers of the instance, by the step they are attached to, with their due dates. */
    private Map<String, Instant> timers(String instance) {
        return management.createJobQuery().processInstanceId(instance).timers().list().stream()
                .collect(Collectors.toMap(this::activity, j -> j.getDuedate().toInstant()));
    }

    private List<String> dueNow(String instance) {
        return management.createJobQuery().processInstanceId(instance).timers().executable().list().stream()
                .map(this::activity).toList();
    }

    private String activity(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    /** The test's one-step model with a reminder after 2 days and an escalation after 5, neither ending the step. */
    private static String withTimers(String key) {
        String timers = """
                    <bpmn:boundaryEvent id="reviewReminderDue" name="After 2 days" cancelActivity="false" attachedToRef="review">
                      <bpmn:outgoing>to-reminded</bpmn:outgoing>
                      <bpmn:timerEventDefinition id="reviewReminderDueDefinition"><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
                    </bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="to-reminded" sourceRef="reviewReminderDue" targetRef="reminded"/>
                    <bpmn:endEvent id="reminded" name="Reminded"/>
                    <bpmn:boundaryEvent id="reviewEscalationDue" name="After 5 days" cancelActivity="false" attachedToRef="review">
                      <bpmn:outgoing>to-escalated</bpmn:outgoing>
                      <bpmn:timerEventDefinition id="reviewEscalationDueDefinition"><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition>
                    </bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="to-escalated" sourceRef="reviewEscalationDue" targetRef="escalated"/>
                    <bpmn:endEvent id="escalated" name="Escalated"/>
                """;
        String shapes = """
                      <bpmndi:BPMNShape id="reviewReminderDue-shape" bpmnElement="reviewReminderDue"><dc:Bounds x="232" y="140" width="36" height="36"/></bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="reminded-shape" bpmnElement="reminded"><dc:Bounds x="232" y="240" width="36" height="36"/></bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="to-reminded-edge" bpmnElement="to-reminded"><di:waypoint x="250" y="176"/><di:waypoint x="250" y="240"/></bpmndi:BPMNEdge>
                      <bpmndi:BPMNShape id="reviewEscalationDue-shape" bpmnElement="reviewEscalationDue"><dc:Bounds x="272" y="140" width="36" height="36"/></bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="escalated-shape" bpmnElement="escalated"><dc:Bounds x="292" y="240" width="36" height="36"/></bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="to-escalated-edge" bpmnElement="to-escalated"><di:waypoint x="290" y="176"/><di:waypoint x="310" y="240"/></bpmndi:BPMNEdge>
                """;
        return model(key, "Keeping reminders", "review").replace("  </bpmn:process>", timers + "  </bpmn:process>")
                .replace("    </bpmndi:BPMNPlane>", shapes + "    </bpmndi:BPMNPlane>");
    }
}
