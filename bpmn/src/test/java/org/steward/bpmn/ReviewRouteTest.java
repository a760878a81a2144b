package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The route table (review-route), driven through the process, one case per row. */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class ReviewRouteTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  static Stream<Arguments> routeTableRows() {
    return Stream.of(
        // name, highest classification, any PII, recipient, matching rule, privacy review, agreement
        Arguments.of("row 1: PII, even public data for a department -> privacy review and agreement",
            "PUBLIC", true, "INTERNAL", "ruleAnyPii", true, true),
        Arguments.of("row 2: no PII, CONFIDENTIAL -> privacy review and agreement",
            "CONFIDENTIAL", false, "INTERNAL", "ruleConfidential", true, true),
        Arguments.of("row 2: no PII, RESTRICTED -> privacy review and agreement",
            "RESTRICTED", false, "INTERNAL", "ruleConfidential", true, true),
        Arguments.of("row 3: no PII, INTERNAL, external recipient -> privacy review and agreement",
            "INTERNAL", false, "EXTERNAL", "ruleInternalExternal", true, true),
        Arguments.of("row 4: no PII, INTERNAL, internal recipient -> agreement only",
            "INTERNAL", false, "INTERNAL", "ruleInternalInternal", false, true),
        Arguments.of("row 5: no PII, PUBLIC, external recipient -> neither",
            "PUBLIC", false, "EXTERNAL", "rulePublic", false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeTableRows")
  void theRouteTableDecidesTheRoute(String row, String highestClassification, boolean anyPii, String recipientType,
                                    String matchingRule, boolean privacyReviewRequired, boolean agreementRequired) {
    ProcessInstance pi = submitRequest("DR-2026-0101", "PW", highestClassification, anyPii, recipientType);

    assertThat(pi).hasPassed("decideRoute", "recordRoute");
    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(processVariable(pi, "privacyReviewRequired")).isEqualTo(privacyReviewRequired);
    assertThat(processVariable(pi, "agreementRequired")).isEqualTo(agreementRequired);
    assertThat(StewardTestEngine.RECORD_ROUTE.routesRecordedFor(pi.getId())).containsExactly(
        "privacyReviewRequired=" + privacyReviewRequired + ", agreementRequired=" + agreementRequired);
    // the outputs alone cannot tell rows 1-3 apart: check which row of the table decided
    assertThat(matchedRules(pi)).as("the row that decided").containsOnly(matchingRule);
  }

  @Test
  void aNewVersionOfTheTableAlone_changesTheRouteOfNewRequests() throws Exception {
    ProcessInstance before = submitRequest("DR-2026-0102", "PW", "PUBLIC", false, "EXTERNAL");
    assertThat(processVariable(before, "agreementRequired")).isEqualTo(false);
    assertThat(matchedRules(before)).containsOnly("rulePublic");

    // an admin edits the table in the Modeler: public data going outside the city now needs an agreement
    DmnModelInstance table;
    try (InputStream shipped = getClass().getResourceAsStream("/" + ROUTE_TABLE)) {
      table = Dmn.readModelFromStream(shipped);
    }
    OutputEntry publicAgreement = table.getModelElementById("rulePublicAgreement");
    assertThat(publicAgreement.getTextContent().trim()).isEqualTo("false");
    publicAgreement.getText().setTextContent("true");
    extension.manageDeployment(repositoryService.createDeployment()
        .name("review-route, edited")
        .addModelInstance("review-route.dmn", table)
        .deploy());

    ProcessInstance after = submitRequest("DR-2026-0103", "PW", "PUBLIC", false, "EXTERNAL");

    assertThat(processVariable(after, "agreementRequired")).isEqualTo(true);
    assertThat(processVariable(after, "privacyReviewRequired")).isEqualTo(false);
    assertThat(matchedRules(after)).containsOnly("rulePublic");
    // same process definition: only the table changed
    assertThat(after.getProcessDefinitionId()).isEqualTo(before.getProcessDefinitionId());
    List<ProcessDefinition> processes = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).list();
    assertThat(processes).hasSize(1);
    assertThat(decisionVersionUsedBy(before)).isEqualTo(1);
    assertThat(decisionVersionUsedBy(after)).isEqualTo(2);
    // the request already routed keeps its route
    assertThat(processVariable(before, "agreementRequired")).isEqualTo(false);

    // what the people on the requests see: after the stewards' approval, the old request goes to
    // delivery, the new one to the signing of an agreement
    decideForEveryDepartment(before, "approveAsSteward", "approve");
    decideForEveryDepartment(after, "approveAsSteward", "approve");
    assertWaitingOnlyAt(before, "deliverData");
    assertThat(requestStatus(before)).isEqualTo("DELIVERY");
    assertWaitingOnlyAt(after, "signAgreement");
    assertThat(requestStatus(after)).isEqualTo("AGREEMENT_SIGNING");
    assertThat(openTasks(after, "signAgreement")).extracting(Task::getAssignee).containsExactlyInAnyOrder("wes", null);
    assertThat(openTaskFor(after, "signAgreement", "admins").getAssignee()).isNull();
  }

  private List<String> matchedRules(ProcessInstance pi) {
    List<HistoricDecisionInstance> decisions = historyService.createHistoricDecisionInstanceQuery()
        .processInstanceId(pi.getId()).includeOutputs().list();
    assertThat(decisions).as("evaluations of the route table").hasSize(1);
    return decisions.get(0).getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct().toList();
  }

  private int decisionVersionUsedBy(ProcessInstance pi) {
    HistoricDecisionInstance evaluation = historyService.createHistoricDecisionInstanceQuery()
        .processInstanceId(pi.getId()).singleResult();
    DecisionDefinition definition = repositoryService.getDecisionDefinition(evaluation.getDecisionDefinitionId());
    assertThat(definition.getKey()).isEqualTo("review-route");
    return definition.getVersion();
  }
}
