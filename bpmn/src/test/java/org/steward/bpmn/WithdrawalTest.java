package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The requester withdraws (the message {@code withdrawal-requested}, correlated by the reference):
 * allowed at any step before delivery, refused from delivery on.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class WithdrawalTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void withdrawnDuringStewardReview_everyStewardTaskIsGone_evenAnApprovalNotYetCarriedOn() {
    ProcessInstance pi = submitRequest("DR-2026-0501", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");
    // Finance approved; its continuation (a job) has not run yet
    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).messages().count()).isEqualTo(1);

    withdraw(pi);

    assertWithdrawn(pi, List.of(publicWorks));
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "WITHDRAWN");
  }

  @Test
  void withdrawnWhileTheRequesterRevises_theRevisionTaskIsGone() {
    ProcessInstance pi = submitRequest("DR-2026-0502", "FIN,PW", "INTERNAL", false, "INTERNAL");
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Which segments?");
    runJobs(pi);
    Task revise = soleOpenTask(pi, "reviseRequest");

    withdraw(pi);

    assertWithdrawn(pi, List.of(revise));
    assertThat(pi).hasNotPassed("withdrawnWhileRevising");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "CHANGES_REQUESTED", "WITHDRAWN");
  }

  @Test
  void withdrawnDuringPrivacyReview_thePrivacyTaskIsGone() {
    ProcessInstance pi = submitRequest("DR-2026-0503", "FIN", "CONFIDENTIAL", true, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    Task privacy = soleOpenTask(pi, "privacyReview");

    withdraw(pi);

    assertWithdrawn(pi, List.of(privacy));
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "PRIVACY_REVIEW", "WITHDRAWN");
  }

  @Test
  void withdrawnDuringSigning_theRemainingSignatoryTasksAreGone_andTheAgreementNeverComesIntoForce() {
    ProcessInstance pi = submitRequest("DR-2026-0504", "FIN,PW", "INTERNAL", false, "INTERNAL", "frank,wes,dana");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    decide(openTaskAssignedTo(pi, "signAgreement", "frank"), "frank", "sign", null, signingFields("frank"));
    runJobs(pi);
    List<Task> stillToSign = openTasks(pi, "signAgreement");
    assertThat(stillToSign).extracting(Task::getAssignee).containsExactlyInAnyOrder("wes", "dana");

    withdraw(pi);

    assertWithdrawn(pi, stillToSign);
    assertThat(pi).hasNotPassed("activateAgreement");
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).isEmpty();
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "AGREEMENT_SIGNING", "WITHDRAWN");
  }

  @Test
  void onceDeliveryHasStarted_withdrawalIsRefused_andNothingChanges() {
    ProcessInstance pi = submitRequest("DR-2026-0505", "FIN,PW", "INTERNAL", false, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    signByEverySignatory(pi);
    assertWaitingOnlyAt(pi, "deliverData");
    List<Task> deliveries = openTasks(pi, "deliverData");

    assertThatThrownBy(() -> withdraw(pi)).isInstanceOf(MismatchingMessageCorrelationException.class);

    assertWaitingOnlyAt(pi, "deliverData");
    assertThat(deliveries).allSatisfy(task -> assertThat(isOpen(task)).isTrue());
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");

    decideForEveryDepartment(pi, "deliverData", "delivered");
    assertWaitingOnlyAt(pi, "expiryReminderDue");
    // in force, waiting for the agreement's end: still refused
    assertThatThrownBy(() -> withdraw(pi)).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).doesNotContain("WITHDRAWN");
  }

  @Test
  void afterTheRequestHasEnded_withdrawalIsRefused() {
    ProcessInstance delivered = submitRequest("DR-2026-0506", "PW", "PUBLIC", false, "INTERNAL");
    decideForEveryDepartment(delivered, "approveAsSteward", "approve");
    decideForEveryDepartment(delivered, "deliverData", "delivered");
    assertEndedAt(delivered, "requestDelivered");

    assertThatThrownBy(() -> withdraw(delivered)).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(requestStatus(delivered)).isEqualTo("DELIVERED");

    ProcessInstance withdrawn = submitRequest("DR-2026-0507", "PW", "PUBLIC", false, "INTERNAL");
    withdraw(withdrawn);
    assertEndedAt(withdrawn, "requestWithdrawnEnd");
    assertThatThrownBy(() -> withdraw(withdrawn)).as("a second withdrawal")
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(statusTrail(withdrawn)).containsExactly("STEWARD_REVIEW", "WITHDRAWN");
  }

  private void assertWithdrawn(ProcessInstance pi, List<Task> openBefore) {
    assertEndedAt(pi, "requestWithdrawnEnd");
    assertThat(pi).hasPassed("withdrawalRequested", "statusWithdrawnOnRequest", "withdrawnOnRequest",
            "requestWithdrawn")
        .hasNotPassed("requestRejected", "statusDelivery", "deliverData");
    assertThat(openBefore).isNotEmpty().allSatisfy(task ->
        assertThat(howTaskEnded(task)).as("task %s", task.getTaskDefinitionKey()).isNotEqualTo("completed"));
    assertThat(requestStatus(pi)).isEqualTo("WITHDRAWN");
  }
}
