package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changes asked for by anyone on the request (a steward, the privacy office, a signatory): the
 * requester revises it, and the whole review goes round again; nothing given to the old text
 * carries over.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class ChangesRequestedTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void aStewardAsksForChanges_theOtherTaskIsCancelled_andTheResubmissionStartsAFreshRound() {
    ProcessInstance pi = submitRequest("DR-2026-0301", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task financeRoundOne = openTaskFor(pi, "approveAsSteward", "stewards-fin");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Name the street segments you need");
    runJobs(pi);

    assertThat(isOpen(financeRoundOne)).isFalse();
    assertThat(howTaskEnded(financeRoundOne)).as("Finance's task was cancelled, not completed").isNotEqualTo("completed");
    assertWaitingOnlyAt(pi, "reviseRequest");
    assertThat(pi).hasPassed("departmentAskedForChanges", "stewardAskedForChanges", "statusChangesRequested");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
    Task revise = soleOpenTask(pi, "reviseRequest");
    assertThat(revise).isAssignedTo("alex");
    assertThat(candidateGroupsOf(revise)).isEmpty();

    decide(revise, "alex", "resubmit", "Only segments in ward 3");

    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(openTaskFor(pi, "approveAsSteward", "stewards-fin").getId()).isNotEqualTo(financeRoundOne.getId());
    assertThat(processVariable(pi, "round")).isEqualTo(2);
    assertThat(StewardTestEngine.RECORD_ROUTE.routesRecordedFor(pi.getId())).hasSize(2);
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    assertThat(processVariable(pi, "agreementVersion")).as("no agreement was drafted in round one").isEqualTo(1);
    assertThat(statusTrail(pi))
        .containsExactly("STEWARD_REVIEW", "CHANGES_REQUESTED", "STEWARD_REVIEW", "AGREEMENT_SIGNING");
  }

  @Test
  void anApprovalGivenInTheFirstRoundDoesNotCarryOver_theResubmissionIsRoutedAndReviewedAfresh() {
    ProcessInstance pi = submitRequest("DR-2026-0302", "FIN,PW", "INTERNAL", false, "INTERNAL");
    assertThat(processVariable(pi, "privacyReviewRequired")).isEqualTo(false);

    // Finance approves, and its part of the round is done
    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", "Fine by Finance");
    runJobs(pi);
    assertThat(pi).hasPassed("departmentApproved");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-pw");

    // Public Works asks for changes
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Say why you need the costs");
    runJobs(pi);
    assertWaitingOnlyAt(pi, "reviseRequest");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");

    // the revision adds a dataset with personal information; the route is decided again
    runtimeService.setVariable(pi.getId(), "anyPii", true);
    decide(soleOpenTask(pi, "reviseRequest"), "alex", "resubmit", "Added the utility accounts");

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
    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-fin");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    runJobs(pi);
    // the new route applies: the privacy office now reviews it
    assertWaitingOnlyAt(pi, "privacyReview");
    assertThat(requestStatus(pi)).isEqualTo("PRIVACY_REVIEW");
  }

  @Test
  void thePrivacyOfficeAsksForChanges_andAfterTheResubmissionEveryDepartmentAndThePrivacyOfficeReviewAgain() {
    ProcessInstance pi = submitRequest("DR-2026-0303", "FIN,PW", "CONFIDENTIAL", false, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    Task privacyRoundOne = soleOpenTask(pi, "privacyReview");

    decide(privacyRoundOne, "pat", "changes", "State how long the data is kept", Map.of(
        "retentionAcceptable", false));

    assertWaitingOnlyAt(pi, "reviseRequest");
    assertThat(pi).hasPassed("privacyDecided", "changesAsked").hasNotPassed("draftAgreement", "statusRejected");
    assertThat(soleOpenTask(pi, "reviseRequest")).isAssignedTo("alex");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");

    decide(soleOpenTask(pi, "reviseRequest"), "alex", "resubmit", "Deleted 12 months after delivery");

    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(processVariable(pi, "round")).isEqualTo(2);
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "privacyReview");
    Task privacyRoundTwo = soleOpenTask(pi, "privacyReview");
    assertThat(privacyRoundTwo.getId()).isNotEqualTo(privacyRoundOne.getId());
    assertThat(candidateGroupsOf(privacyRoundTwo)).containsExactly("privacy-office");
    decide(privacyRoundTwo, "pat", "approve", null);

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(processVariable(pi, "agreementVersion")).isEqualTo(1);
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "PRIVACY_REVIEW", "CHANGES_REQUESTED",
        "STEWARD_REVIEW", "PRIVACY_REVIEW", "AGREEMENT_SIGNING");
  }

  @Test
  void aSignatoryAsksForChanges_theNextRoundDraftsANewVersion_andItsSignaturesStartAfresh() {
    ProcessInstance pi = submitRequest("DR-2026-0304", "FIN,PW", "INTERNAL", false, "INTERNAL", "frank,wes,dana");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    assertThat(processVariable(pi, "agreementVersion")).isEqualTo(1);

    Task frankOnVersionOne = openTaskAssignedTo(pi, "signAgreement", "frank");
    Task wesOnVersionOne = openTaskAssignedTo(pi, "signAgreement", "wes");
    decide(frankOnVersionOne, "frank", "sign", null, signingFields("frank"));
    runJobs(pi);
    decide(openTaskAssignedTo(pi, "signAgreement", "dana"), "dana", "changes", null,
        Map.of("reason", "The breach notification period must be 72 hours"));
    runJobs(pi);

    assertThat(isOpen(wesOnVersionOne)).isFalse();
    assertThat(howTaskEnded(wesOnVersionOne)).as("Wes's task was cancelled").isNotEqualTo("completed");
    assertWaitingOnlyAt(pi, "reviseRequest");
    assertThat(pi).hasPassed("partyAskedForChanges", "signatoryAskedForChanges").hasNotPassed("activateAgreement");
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
    assertThat(StewardTestEngine.RECORD_SIGNATURE.signedParties(pi.getId(), 1)).containsExactly("frank");

    decide(soleOpenTask(pi, "reviseRequest"), "alex", "resubmit", "Breach notification within 72 hours");

    // the stewards review the revised text again, then a new version of the agreement is drafted
    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(processVariable(pi, "agreementVersion")).isEqualTo(2);
    assertThat(StewardTestEngine.DRAFT_AGREEMENT.draftsOf(pi.getId())).containsExactly(1, 2);
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    // Frank signed version 1; he must sign version 2 as well
    assertThat(openTasks(pi, "signAgreement")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("frank", "wes", "dana");
    assertThat(openTaskAssignedTo(pi, "signAgreement", "frank").getId()).isNotEqualTo(frankOnVersionOne.getId());
    assertThat(StewardTestEngine.RECORD_SIGNATURE.signedParties(pi.getId(), 2)).isEmpty();

    signByEverySignatory(pi);

    assertThat(StewardTestEngine.RECORD_SIGNATURE.signedParties(pi.getId(), 2))
        .containsExactlyInAnyOrder("frank", "wes", "dana");
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).containsExactly("activateAgreement v2");
    assertWaitingOnlyAt(pi, "deliverData");
    decideForEveryDepartment(pi, "deliverData", "delivered");
    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "AGREEMENT_SIGNING", "CHANGES_REQUESTED",
        "STEWARD_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE");
  }

  @Test
  void changesRequested_thenTheRequesterWithdrawsInsteadOfRevising_andTheRequestIsWithdrawn() {
    ProcessInstance pi = submitRequest("DR-2026-0305", "FIN,PW", "INTERNAL", false, "INTERNAL");

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "changes", "Which accounts?");
    runJobs(pi);
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
    assertThat(openTasks(pi, "approveAsSteward")).isEmpty();

    decide(soleOpenTask(pi, "reviseRequest"), "alex", "withdraw", "No longer needed");

    assertEndedAt(pi, "requestWithdrawnEnd");
    assertThat(pi).hasPassed("withdrawnWhileRevising", "requestWithdrawn")
        .hasNotPassed("requestRejected", "statusDelivery", "deliverData");
    assertThat(requestStatus(pi)).isEqualTo("WITHDRAWN");
    assertThat(processVariable(pi, "round")).isEqualTo(1);
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "CHANGES_REQUESTED", "WITHDRAWN");
  }
}
