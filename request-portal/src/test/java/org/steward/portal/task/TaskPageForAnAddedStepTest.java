package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.Deployment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A step the base model does not have, as an admin might add it, with fields of every type and ids the portal has
 * never seen: its task appears in the inbox, its form is drawn from its model, its errors sit next to its fields,
 * and completing it on the page hands the engine values of the right types.
 */
class TaskPageForAnAddedStepTest extends TaskPages {

    private static final String PROCESS = "portalTestLegalReview";
    private static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="portalTestDefinitions"
                targetNamespace="http://steward.example.org/test">
              <bpmn:process id="portalTestLegalReview" name="Legal review (portal test)" isExecutable="true"
                  camunda:historyTimeToLive="P30D">
                <bpmn:startEvent id="legalStart"><bpmn:outgoing>toLegalReview</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="toLegalReview" sourceRef="legalStart" targetRef="legalReview"/>
                <bpmn:userTask id="legalReview" name="Review the legal terms" camunda:candidateGroups="staff-cd">
                  <bpmn:documentation>The city attorney's office checks the contract terms.</bpmn:documentation>
                  <bpmn:extensionElements>
                    <camunda:formData>
                      <camunda:formField id="decision" label="Decision" type="enum">
                        <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                        <camunda:value id="cleared" name="Cleared"/>
                        <camunda:value id="needs_work" name="Needs more work"/>
                      </camunda:formField>
                      <camunda:formField id="caseNumber" label="Legal case number" type="string">
                        <camunda:validation><camunda:constraint name="maxlength" config="20"/></camunda:validation>
                      </camunda:formField>
                      <camunda:formField id="clause" label="Which clause of the contract applies?" type="string">
                        <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                      </camunda:formField>
                      <camunda:formField id="hours" label="Hours spent" type="long">
                        <camunda:validation>
                          <camunda:constraint name="min" config="1"/>
                          <camunda:constraint name="max" config="100"/>
                        </camunda:validation>
                      </camunda:formField>
                      <camunda:formField id="urgent" label="Is it urgent?" type="boolean"/>
                      <camunda:formField id="checkedRegister" label="I checked the contract register" type="boolean"/>
                      <camunda:formField id="reviewBy" label="Review again by" type="date"/>
                      <camunda:formField id="risk" label="Risk" type="enum">
                        <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                        <camunda:value id="low" name="Low"/>
                        <camunda:value id="medium" name="Medium"/>
                        <camunda:value id="high" name="High"/>
                      </camunda:formField>
                      <camunda:formField id="notes" label="Notes for the requester" type="string"/>
                    </camunda:formData>
                  </bpmn:extensionElements>
                  <bpmn:incoming>toLegalReview</bpmn:incoming>
                  <bpmn:outgoing>toLegalEnd</bpmn:outgoing>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="toLegalEnd" sourceRef="legalReview" targetRef="legalEnd"/>
                <bpmn:endEvent id="legalEnd"><bpmn:incoming>toLegalEnd</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private TaskService engineTasks;
    @Autowired
    private HistoryService engineHistory;

    @Test
    void aStepAnAdminAddedIsDrawnFromItsModelAndCompletedOnThePage() throws Exception {
        String reference = submit("Added step: legal review", "PW-STREET-CENTERLINES");
        Deployment deployment = repository.createDeployment().name("portal test: an added step")
                .addString("portal-test-legal-review.bpmn", MODEL).deploy();
        try {
            String instance = runtime.startProcessInstanceByKey(PROCESS, reference).getId();
            String task = engineTasks.createTaskQuery().processInstanceId(instance).singleResult().getId();

            Element row = TaskInboxPageTest.rowOf(page("alex", "/tasks"), reference + "");
            assertThat(row).isNotNull();
            assertThat(TaskInboxPageTest.cell(row, "Step")).isEqualTo("Review the legal terms");

            Document page = page("alex", "/tasks/" + task);
            assertThat(page.selectFirst("h1").text()).isEqualTo("Review the legal terms");
            assertThat(page.select("main > p.hint").eachText())
                    .contains("The city attorney's office checks the contract terms.");
            assertThat(decisionButtons(page)).containsExactly("cleared:Cleared", "needs_work:Needs more work");
            Element caseNumber = page.selectFirst("input[type=text]#field-caseNumber");
            assertThat(caseNumber.attr("name")).isEqualTo("fields[caseNumber]");
            assertThat(caseNumber.attr("maxlength")).isEqualTo("20");
            assertThat(page.selectFirst("label[for=field-caseNumber]").text()).isEqualTo("Legal case number");
            Element clause = page.selectFirst("textarea#field-clause");
            assertThat(clause.hasAttr("required")).isTrue();
            assertThat(page.selectFirst("label[for=field-clause]").text())
                    .isEqualTo("Which clause of the contract applies?");
            Element hours = page.selectFirst("input[type=number]#field-hours");
            assertThat(hours.attr("min")).isEqualTo("1");
            assertThat(hours.attr("max")).isEqualTo("100");
            assertThat(page.selectFirst("#field-hours-hint").text()).contains("from 1 to 100");
            assertThat(page.select("fieldset#field-urgent input[type=radio]").eachAttr("value"))
                    .containsExactly("true", "false");
            assertThat(page.selectFirst("fieldset#field-urgent legend").text()).isEqualTo("Is it urgent?");
            assertThat(page.selectFirst("input[type=checkbox]#field-checkedRegister")).isNotNull();
            assertThat(page.selectFirst("input[type=date]#field-reviewBy").attr("name")).isEqualTo("fields[reviewBy]");
            Element risk = page.selectFirst("select#field-risk");
            assertThat(risk.hasAttr("required")).isTrue();
            assertThat(risk.select("option").eachAttr("value")).containsExactly("", "low", "medium", "high");
            assertThat(page.selectFirst("textarea#field-notes")).isNotNull();
            for (Element control : page.select("#task-form input:not([type=hidden]), #task-form textarea, "
                    + "#task-form select")) {
                String id = control.id();
                boolean labelled = !page.select("label[for=" + id + "]").isEmpty()
                        || control.attr("type").equals("radio");
                assertThat(labelled).as("control %s has a label", id).isTrue();
            }

            MvcResult invalid = submitForm("alex", "/tasks/" + task, "decision", "cleared",
                    "fields[caseNumber]", "LEG-42", "fields[clause]", "", "fields[hours]", "lots",
                    "fields[urgent]", "true", "fields[reviewBy]", "2027-03-01", "fields[risk]", "",
                    "fields[notes]", "Kept <as> typed");
            assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
            Document again = html(invalid);
            assertThat(errorNextTo(again, "hours")).contains("whole number");
            assertThat(errorNextTo(again, "clause")).contains("required");
            assertThat(errorNextTo(again, "risk")).contains("required");
            assertThat(errorNextTo(again, "caseNumber")).isNull();
            assertThat(valueOf(again, "fields[caseNumber]")).isEqualTo("LEG-42");
            assertThat(valueOf(again, "fields[hours]")).isEqualTo("lots");
            assertThat(valueOf(again, "fields[urgent]")).isEqualTo("true");
            assertThat(valueOf(again, "fields[reviewBy]")).isEqualTo("2027-03-01");
            assertThat(valueOf(again, "fields[notes]")).isEqualTo("Kept <as> typed");
            assertThat(engineTasks.createTaskQuery().taskId(task).count()).isEqualTo(1);

            MvcResult outOfRange = submitForm("alex", "/tasks/" + task, "decision", "cleared",
                    "fields[clause]", "Clause 7", "fields[hours]", "500", "fields[risk]", "high");
            assertThat(outOfRange.getResponse().getStatus()).isEqualTo(400);
            assertThat(errorNextTo(html(outOfRange), "hours")).contains("max");

            MvcResult done = submitForm("alex", "/tasks/" + task, "decision", "cleared",
                    "fields[caseNumber]", "LEG-42", "fields[clause]", "Clause 7 <b>data</b> & more",
                    "fields[hours]", "12", "fields[urgent]", "true", "fields[checkedRegister]", "true",
                    "fields[reviewBy]", "2027-03-01", "fields[risk]", "high", "fields[notes]", "");
            assertThat(done.getResponse().getStatus()).isEqualTo(302);
            assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + reference);
            assertThat(done.getFlashMap().get("notice").toString())
                    .isEqualTo("Your decision \u201cCleared\u201d on \u201cReview the legal terms\u201d is recorded.");

            Map<String, Object> values = engineHistory.createHistoricVariableInstanceQuery()
                    .processInstanceId(instance).list().stream().filter(v -> v.getValue() != null)
                    .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue,
                            (a, b) -> a));
            assertThat(values).containsEntry("decision", "cleared").containsEntry("caseNumber", "LEG-42")
                    .containsEntry("clause", "Clause 7 <b>data</b> & more").containsEntry("hours", 12L)
                    .containsEntry("urgent", true).containsEntry("checkedRegister", true)
                    .containsEntry("risk", "high").doesNotContainKey("notes");
            assertThat(values.get("reviewBy")).isInstanceOf(Date.class);
            assertThat(((Date) values.get("reviewBy")).toInstant().atZone(ZoneId.systemDefault()).toLocalDate())
                    .isEqualTo(LocalDate.of(2027, 3, 1));
            assertThat(timeline(reference)).contains("alex:legalReview:cleared:web");
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }
}
