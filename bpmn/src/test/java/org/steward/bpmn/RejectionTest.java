package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rejected by anyone (a steward, the privacy office, a signatory who declines): the request ends as rejected. */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class RejectionTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void oneDepartmentRejects_theOtherDepartmentsTaskIsGone_andTheRequestIsRejected() {
    ProcessInstance pi = submitRequest("DR-2026-0401", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    decide(publicWorks, "sam", "reject", "We cannot share the work orders");
    // the rejecting decision's own continuation is the only job left besides Finance's timers
    execute(managementService.createJobQuery().processInstanceId(pi.getId()).messages().singleResult());

    assertThat(isOpen(finance)).as("Finance's task is still open").isFalse();
    assertThat(howTaskEnded(finance)).as("Finance's task was cancelled, not completed").isNotEqualTo("completed");
    assertEndedAt(pi, "requestRejectedEnd");
    assertThat(pi).hasPassed("departmentRejected", "stewardRejected", "statusRejected", "requestRejected")
        .hasNotPassed("statusDelivery", "deliverData", "reviseRequest", "privacyReview", "draftAgreement");
    assertThat(requestStatus(pi)).isEqualTo("REJECTED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "REJECTED");
  }

  @Test
  void thePrivacyOfficeRejects_andTheRequestEndsRejected_withNoAgreement() {
    ProcessInstance pi = submitRequest("DR-2026-0402", "FIN", "CONFIDENTIAL", true, "EXTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    Task privacy = soleOpenTask(pi, "privacyReview");

    decide(privacy, "pat", "reject", "Owner names may not leave the city", Map.of(
        "personalData", "Owner names", "leavesCity", true, "identifiersRemovable", false));

    assertThat(howTaskEnded(privacy)).isEqualTo("completed");
    assertEndedAt(pi, "requestRejectedEnd");
    assertThat(pi).hasPassed("privacyDecided", "statusRejected", "rejected", "requestRejected")
        .hasNotPassed("draftAgreement", "signAgreement", "reviseRequest", "statusDelivery");
    assertThat(requestStatus(pi)).isEqualTo("REJECTED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "PRIVACY_REVIEW", "REJECTED");
    assertThat(StewardTestEngine.DRAFT_AGREEMENT.draftsOf(pi.getId())).isEmpty();
  }

  @Test
  void aSignatoryDeclines_theOtherSignatoryTaskIsGone_andTheRequestEndsRejected() {
    ProcessInstance pi = submitRequest("DR-2026-0403", "FIN,PW", "INTERNAL", false, "INTERNAL", "frank,dana");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    Task frank = openTaskAssignedTo(pi, "signAgreement", "frank");

    decide(openTaskAssignedTo(pi, "signAgreement", "dana"), "dana", "decline", null,
        Map.of("reason", "Community Development will not take on this data"));
    runJobs(pi);

    assertThat(isOpen(frank)).isFalse();
    assertThat(howTaskEnded(frank)).as("Frank's task was cancelled, not completed").isNotEqualTo("completed");
    assertEndedAt(pi, "requestRejectedEnd");
    assertThat(pi).hasPassed("partyDeclined", "signatoryDeclined", "statusRejected", "requestRejected")
        .hasNotPassed("activateAgreement", "statusDelivery", "deliverData", "reviseRequest");
    assertThat(requestStatus(pi)).isEqualTo("REJECTED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "AGREEMENT_SIGNING", "REJECTED");
    assertThat(StewardTestEngine.RECORD_SIGNATURE.decisionsOf(pi.getId()))
        .extracting(BuildingBlockDoubles.SigningDecision::signatory, BuildingBlockDoubles.SigningDecision::decision)
        .containsExactly(tuple("dana", "decline"));
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).isEmpty();
  }
}
