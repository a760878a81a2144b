package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;


import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The paths through the shipped data-request process, as the people on a request see them. */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class DataRequestProcessTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void bothDepartmentsApprove_thenEachDepartmentsCustodiansDeliver_andTheRequestIsDelivered() {
    ProcessInstance pi = submitRequest("DR-2026-0001", "FIN,PW", "INTERNAL", false, "INTERNAL");

    assertThat(pi).isWaitingAt("approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    assertThat(processVariable(pi, "round")).isEqualTo(1);

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "approve", "Fine by Public Works");
    // each decision continues in a job of its own (asyncAfter); until they ran, the round is open
    assertThat(jobCount(pi)).isEqualTo(2);
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    runJobs(pi);

    assertThat(pi).isWaitingAt("deliverData").hasPassed("departmentApproved")
        .hasNotPassed("departmentRejected", "departmentAskedForChanges");
    assertThat(openTasks(pi, "approveAsSteward")).isEmpty();
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData"))
        .containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
    // the stewards' decisions stayed in their own scopes: nothing leaked into the request's variables
    assertThat(hasProcessVariable(pi, "decision")).isFalse();
    assertThat(hasProcessVariable(pi, "stewardDecision")).isFalse();

    decide(openTaskFor(pi, "deliverData", "custodians-fin"), "frank", "delivered", null);
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
    runJobs(pi);
    assertThat(pi).isWaitingAt("deliverData");
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData")).containsExactly("custodians-pw");

    decide(openTaskFor(pi, "deliverData", "custodians-pw"), "wes", "delivered", null);
    runJobs(pi);

    assertThat(pi).isEnded().hasPassed("requestDelivered").hasNotPassed("requestRejected", "requestWithdrawn");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "DELIVERY", "DELIVERED");
  }

  @Test
  void oneDepartmentRejects_theOtherDepartmentsTaskIsGone_andTheRequestIsRejected() {
    ProcessInstance pi = submitRequest("DR-2026-0002", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    decide(publicWorks, "sam", "reject", "We cannot share the work orders");
    // the rejecting decision's own continuation is the only thing the engine has left to do
    execute(job(pi));

    assertThat(isOpen(finance)).as("Finance's task is still open").isFalse();
    assertThat(howTaskEnded(finance)).as("Finance's task was cancelled, not completed").isNotEqualTo("completed");
    assertThat(openTasks(pi, "approveAsSteward")).isEmpty();
    assertThat(jobCount(pi)).isZero();
    assertThat(pi).isEnded().hasPassed("departmentRejected", "stewardRejected", "requestRejected")
        .hasNotPassed("statusDelivery", "deliverData", "requestDelivered", "reviseRequest");
    assertThat(requestStatus(pi)).isEqualTo("REJECTED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "REJECTED");
  }

  @Test
  void changesRequested_theOtherTaskIsCancelled_theRequesterRevises_andAFreshRoundLeadsToDelivery() {
    ProcessInstance pi = submitRequest("DR-2026-0003", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task financeRoundOne = openTaskFor(pi, "approveAsSteward", "stewards-fin");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Name the street segments you need");
    execute(job(pi));

    assertThat(isOpen(financeRoundOne)).isFalse();
    assertThat(howTaskEnded(financeRoundOne)).isNotEqualTo("completed");
    assertThat(openTasks(pi, "approveAsSteward")).isEmpty();
    assertThat(pi).isWaitingAtExactly("reviseRequest").hasPassed("departmentAskedForChanges", "changesRequested");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
    Task revise = openTasks(pi, "reviseRequest").get(0);
    assertThat(revise).isAssignedTo("alex");

    decide(revise, "alex", "resubmit", "Only segments in ward 3");

    assertThat(pi).isWaitingAt("approveAsSteward").isNotWaitingAt("reviseRequest");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(openTaskFor(pi, "approveAsSteward", "stewards-fin").getId()).isNotEqualTo(financeRoundOne.getId());
    assertThat(processVariable(pi, "round")).isEqualTo(2);
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "approve", null);
    runJobs(pi);

    assertThat(pi).isWaitingAt("deliverData");
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData"))
        .containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
    assertThat(statusTrail(pi))
        .containsExactly("STEWARD_REVIEW", "CHANGES_REQUESTED", "STEWARD_REVIEW", "DELIVERY");
  }

  @Test
  void anApprovalGivenInTheFirstRoundDoesNotCarryOver_theResubmissionIsRoutedAndReviewedAfresh() {
    ProcessInstance pi = submitRequest("DR-2026-0004", "FIN,PW", "INTERNAL", false, "INTERNAL");
    assertThat(processVariable(pi, "privacyReviewRequired")).isEqualTo(false);

    // Finance approves, and its part of the round is done
    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", "Fine by Finance");
    runJobs(pi);
    assertThat(pi).hasPassed("departmentApproved");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-pw");

    // Public Works asks for changes
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Say why you need the costs");
    runJobs(pi);
    assertThat(pi).isWaitingAtExactly("reviseRequest");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");

    // the revision adds a dataset with personal information; the route is decided again
    runtimeService.setVariable(pi.getId(), "anyPii", true);
    decide(openTasks(pi, "reviseRequest").get(0), "alex", "resubmit", "Added the utility accounts");

    assertThat(processVariable(pi, "round")).isEqualTo(2);
    assertThat(processVariable(pi, "privacyReviewRequired")).isEqualTo(true);
    assertThat(processVariable(pi, "agreementRequired")).isEqualTo(true);
    assertThat(StewardTestEngine.RECORD_ROUTE.routesRecordedFor(pi.getId())).containsExactly(
        "privacyReviewRequired=false, agreementRequired=true",
        "privacyReviewRequired=true, agreementRequired=true");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .as("Finance must approve again").containsExactlyInAnyOrder("stewards-fin", "stewards-pw");

    // Public Works' approval alone is not enough: Finance's first-round approval does not count
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "approve", null);
    runJobs(pi);
    assertThat(pi).isWaitingAt("approveAsSteward").isNotWaitingAt("deliverData");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-fin");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    runJobs(pi);
    assertThat(pi).isWaitingAt("deliverData");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
  }

  @Test
  void changesRequested_thenTheRequesterWithdraws_andTheRequestIsWithdrawn() {
    ProcessInstance pi = submitRequest("DR-2026-0005", "FIN,PW", "INTERNAL", false, "INTERNAL");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "changes", "Which accounts?");
    runJobs(pi);
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
    assertThat(openTasks(pi, "approveAsSteward")).isEmpty();

    decide(openTasks(pi, "reviseRequest").get(0), "alex", "withdraw", "No longer needed");

    assertThat(pi).isEnded().hasPassed("requestWithdrawn")
        .hasNotPassed("requestRejected", "requestDelivered", "deliverData");
    assertThat(requestStatus(pi)).isEqualTo("WITHDRAWN");
    assertThat(processVariable(pi, "round")).isEqualTo(1);
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "CHANGES_REQUESTED", "WITHDRAWN");
  }

  @Test
  void aDecisionOutsideTheTasksChoicesIsRefused_andTheTaskStaysOpen() {
    ProcessInstance pi = submitRequest("DR-2026-0006", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");

    assertThatThrownBy(() -> decide(finance, "fiona", "maybe", null))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("maybe");
    assertThatThrownBy(() -> decide(finance, "fiona", "delivered", null))
        .as("a value of another task's choices").isInstanceOf(ProcessEngineException.class);

    assertThat(isOpen(finance)).isTrue();
    assertThat(jobCount(pi)).isZero();
    assertThat(pi).isWaitingAt("approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    // the refused attempt left nothing behind: the task can still be decided properly
    decide(finance, "fiona", "approve", null);
    assertThat(isOpen(finance)).isFalse();
  }

  @Test
  void aDecisionIsRequired_submittingTheFormWithoutOneIsRefused() {
    ProcessInstance pi = submitRequest("DR-2026-0007", "PW", "INTERNAL", false, "INTERNAL");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    assertThatThrownBy(() -> decide(publicWorks, "sam", null, "Looks fine"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decision");

    assertThat(isOpen(publicWorks)).isTrue();
    assertThat(jobCount(pi)).isZero();
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
  }
}
