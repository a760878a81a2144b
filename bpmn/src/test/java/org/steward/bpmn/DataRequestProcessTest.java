package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each route of the route table, end to end through the shipped process, as the people on a
 * request see it: whose inbox each step lands in, the status the request shows, where it ends.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class DataRequestProcessTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void personalData_goesThroughStewardsPrivacyAndSigning_isDelivered_andTheAgreementIsInForce() {
    ProcessInstance pi = submitRequest("DR-2026-0001", "FIN", "PUBLIC", true, "INTERNAL", "frank,dana");

    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-fin");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    assertThat(processVariable(pi, "round")).isEqualTo(1);

    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    // the decision continues in a job of its own (asyncAfter); until it ran, the round is open
    assertThat(jobCount(pi)).isEqualTo(1);
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    runJobs(pi);

    assertWaitingOnlyAt(pi, "privacyReview");
    assertThat(pi).hasPassed("departmentApproved");
    Task privacy = soleOpenTask(pi, "privacyReview");
    assertThat(candidateGroupsOf(privacy)).containsExactly("privacy-office");
    assertThat(privacy.getAssignee()).isNull();
    assertThat(requestStatus(pi)).isEqualTo("PRIVACY_REVIEW");

    decide(privacy, "pat", "approve_with_conditions", "Fine once names are gone", Map.of(
        "personalData", "Account holders' names and service addresses",
        "leavesCity", false,
        "identifiersRemovable", true,
        "legalAuthority", "City charter, planning authority",
        "retentionAcceptable", true,
        "fullAssessmentNeeded", false,
        "conditions", "Owner names are removed before delivery"));

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(pi).hasPassed("draftAgreement");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    assertThat(processVariable(pi, "agreementVersion")).isEqualTo(1);
    Task frank = openTaskAssignedTo(pi, "signAgreement", "frank");
    Task dana = openTaskAssignedTo(pi, "signAgreement", "dana");
    assertThat(candidateGroupsOf(frank)).isEmpty();
    assertThat(candidateGroupsOf(dana)).isEmpty();
    assertThat(openTasks(pi, "signAgreement")).hasSize(2);

    decide(frank, "frank", "sign", null, signingFields("frank"));
    runJobs(pi);
    // one signature is not enough
    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(pi).hasNotPassed("activateAgreement");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    decide(dana, "dana", "sign", null, signingFields("dana"));
    runJobs(pi);

    assertThat(StewardTestEngine.RECORD_SIGNATURE.signedParties(pi.getId(), 1)).containsExactly("frank", "dana");
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).containsExactly("activateAgreement v1");
    assertWaitingOnlyAt(pi, "deliverData");
    assertThat(pi).hasPassed("review");
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData")).containsExactly("custodians-fin");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");

    decideForEveryDepartment(pi, "deliverData", "delivered");

    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(pi).hasNotPassed("statusDelivered", "requestDelivered");
    assertThat(allOpenTasks(pi)).isEmpty();
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).containsExactly(
        "STEWARD_REVIEW", "PRIVACY_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE");
    assertThat(StewardTestEngine.DRAFT_AGREEMENT.draftsOf(pi.getId())).containsExactly(1);
  }

  @Test
  void confidentialDataWithoutPersonalInformation_takesTheSameRoute_withEveryOwningDepartment() {
    ProcessInstance pi = submitRequest("DR-2026-0002", "FIN,PW", "CONFIDENTIAL", false, "INTERNAL");

    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "privacyReview");
    assertThat(candidateGroupsOf(soleOpenTask(pi, "privacyReview"))).containsExactly("privacy-office");
    assertThat(requestStatus(pi)).isEqualTo("PRIVACY_REVIEW");
    decide(soleOpenTask(pi, "privacyReview"), "pat", "approve", null);

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(openTasks(pi, "signAgreement")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("frank", "wes", "dana");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    signByEverySignatory(pi);

    assertWaitingOnlyAt(pi, "deliverData");
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData"))
        .containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
    // one department's delivery does not finish the request
    decide(openTaskFor(pi, "deliverData", "custodians-pw"), "wes", "delivered", null);
    runJobs(pi);
    assertWaitingOnlyAt(pi, "deliverData");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
    decide(openTaskFor(pi, "deliverData", "custodians-fin"), "frank", "delivered", null);
    runJobs(pi);

    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).containsExactly(
        "STEWARD_REVIEW", "PRIVACY_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE");
    // the stewards' decisions stayed in their own scopes: nothing leaked into the request's variables
    assertThat(hasProcessVariable(pi, "decision")).isFalse();
    assertThat(hasProcessVariable(pi, "stewardDecision")).isFalse();
    assertThat(hasProcessVariable(pi, "signatureDecision")).isFalse();
  }

  @Test
  void internalDataForAnOutsidePartner_getsAPrivacyReview_andThePartnersSignatureIsRecordedByTheAdmins() {
    ProcessInstance pi = submitRequest("DR-2026-0003", "PW", "INTERNAL", false, "EXTERNAL");
    assertThat(processVariable(pi, "testSignatories")).isEqualTo("wes,external");

    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    assertWaitingOnlyAt(pi, "privacyReview");
    decide(soleOpenTask(pi, "privacyReview"), "pat", "approve", null);

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(openTasks(pi, "signAgreement")).hasSize(2);
    Task director = openTaskAssignedTo(pi, "signAgreement", "wes");
    assertThat(candidateGroupsOf(director)).isEmpty();
    // the partner's signatory has no account: the task is nobody's own, the admins may act on it
    Task partner = openTaskFor(pi, "signAgreement", "admins");
    assertThat(partner.getAssignee()).isNull();
    assertThat(candidateGroupsOf(partner)).containsExactly("admins");
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("external").count())
        .as("no task is assigned to a user called 'external'").isZero();

    decide(partner, "admin", "sign", null, signingFields("admin"));
    decide(director, "wes", "sign", null, signingFields("wes"));
    runJobs(pi);

    assertThat(StewardTestEngine.RECORD_SIGNATURE.decisionsOf(pi.getId()))
        .extracting(BuildingBlockDoubles.SigningDecision::signatory, BuildingBlockDoubles.SigningDecision::person)
        .containsExactly(
            tuple("external", "admin"),
            tuple("wes", "wes"));
    assertWaitingOnlyAt(pi, "deliverData");
    decideForEveryDepartment(pi, "deliverData", "delivered");

    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).containsExactly(
        "STEWARD_REVIEW", "PRIVACY_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE");
  }

  @Test
  void internalDataBetweenDepartments_needsNoPrivacyReview_butAnAgreement() {
    ProcessInstance pi = submitRequest("DR-2026-0004", "FIN,PW", "INTERNAL", false, "INTERNAL");

    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(pi).hasNotPassed("statusPrivacyReview", "privacyReview");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    assertThat(openTasks(pi, "signAgreement")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("frank", "wes", "dana");
    signByEverySignatory(pi);

    assertWaitingOnlyAt(pi, "deliverData");
    decideForEveryDepartment(pi, "deliverData", "delivered");

    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE");
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).containsExactly("activateAgreement v1");
  }

  @Test
  void publicData_needsNeitherPrivacyReviewNorAgreement_andEndsDelivered() {
    ProcessInstance pi = submitRequest("DR-2026-0005", "PW", "PUBLIC", false, "EXTERNAL");

    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward")).containsExactly("stewards-pw");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    assertWaitingOnlyAt(pi, "deliverData");
    assertThat(pi).hasPassed("reviewPassedWithoutAgreement")
        .hasNotPassed("privacyReview", "draftAgreement", "signAgreement", "activateAgreement");
    assertThat(candidateGroupsOfOpenTasks(pi, "deliverData")).containsExactly("custodians-pw");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
    decideForEveryDepartment(pi, "deliverData", "delivered");

    assertEndedAt(pi, "requestDelivered");
    assertThat(pi).hasNotPassed("statusInForce", "expiryReminderDue");
    assertThat(requestStatus(pi)).isEqualTo("DELIVERED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "DELIVERY", "DELIVERED");
    assertThat(StewardTestEngine.DRAFT_AGREEMENT.draftsOf(pi.getId())).isEmpty();
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId())).isEmpty();
  }

  @Test
  void aDecisionOutsideTheTasksChoicesIsRefused_andTheTaskStaysOpen() {
    ProcessInstance pi = submitRequest("DR-2026-0006", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");

    assertThatThrownBy(() -> decide(finance, "fiona", "maybe", null))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("maybe");
    assertThatThrownBy(() -> decide(finance, "fiona", "approve_with_conditions", null))
        .as("a value of the privacy review's choices").isInstanceOf(ProcessEngineException.class);
    assertThatThrownBy(() -> decide(finance, "fiona", "delivered", null))
        .as("a value of another task's choices").isInstanceOf(ProcessEngineException.class);

    assertThat(isOpen(finance)).isTrue();
    assertThat(jobCount(pi)).as("only the open tasks' reminder and escalation timers").isEqualTo(4);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(4);
    assertWaitingOnlyAt(pi, "approveAsSteward");
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");

    // the refused attempt left nothing behind: the task can still be decided properly
    decide(finance, "fiona", "approve", null);
    assertThat(isOpen(finance)).isFalse();
  }

  @Test
  void theOtherStepsRefuseDecisionsOutsideTheirChoicesToo() {
    ProcessInstance pi = submitRequest("DR-2026-0007", "PW", "INTERNAL", false, "EXTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");

    Task privacy = soleOpenTask(pi, "privacyReview");
    assertThatThrownBy(() -> decide(privacy, "pat", "sign", null)).isInstanceOf(ProcessEngineException.class);
    assertThat(isOpen(privacy)).isTrue();
    decide(privacy, "pat", "approve", null);

    Task signing = openTaskAssignedTo(pi, "signAgreement", "wes");
    assertThatThrownBy(() -> decide(signing, "wes", "approve", null)).isInstanceOf(ProcessEngineException.class);
    assertThatThrownBy(() -> decide(signing, "wes", null, null)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("decision");
    assertThat(isOpen(signing)).isTrue();
    assertThat(StewardTestEngine.RECORD_SIGNATURE.decisionsOf(pi.getId())).isEmpty();
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
  }

  @Test
  void aDecisionIsRequired_submittingTheFormWithoutOneIsRefused() {
    ProcessInstance pi = submitRequest("DR-2026-0008", "PW", "INTERNAL", false, "INTERNAL");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    assertThatThrownBy(() -> decide(publicWorks, "sam", null, "Looks fine"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decision");

    assertThat(isOpen(publicWorks)).isTrue();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).messages().count())
        .as("no continuation was started").isZero();
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
  }
}
