package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.steward.bpmn.BuildingBlockDoubles.CITY_ZONE;
import static org.steward.bpmn.BuildingBlockDoubles.SendNotice.ESCALATION;
import static org.steward.bpmn.BuildingBlockDoubles.SendNotice.REMINDER;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.steward.bpmn.BuildingBlockDoubles.Notice;

/**
 * After delivery under an agreement: a reminder before the agreement ends, then, when it ends, the
 * request is EXPIRED and each owning department's custodians confirm that access was removed.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class AgreementExpiryTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  /** Monday 4 May 2026, 10:00 in the city. */
  static final ZonedDateTime START = ZonedDateTime.of(2026, 5, 4, 10, 0, 0, 0, CITY_ZONE);
  /** The agreement ends on Friday 31 July, 10:00; the reminder is 30 days before. */
  static final ZonedDateTime EXPIRY_DATE = START.plusDays(88);
  static final ZonedDateTime REMINDER_DATE = EXPIRY_DATE.minusDays(30);

  @Test
  void theAgreementRunsOut_theRequesterIsRemindedFirst_thenEachDepartmentsCustodiansConfirmAccessRemoved() {
    ProcessInstance pi = deliveredUnderAnAgreement("DR-2026-0701");
    assertWaitingOnlyAt(pi, "expiryReminderDue");
    assertThat(soleTimer(pi).getDuedate().toInstant()).isEqualTo(REMINDER_DATE.toInstant());

    setClock(REMINDER_DATE.minusMinutes(1));
    assertThat(dueTimers(pi)).as("before the reminder date").isEmpty();

    setClock(REMINDER_DATE.plusMinutes(1));
    fire(soleTimer(pi));

    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId()))
        .containsExactly("activateAgreement v1", "remindOfExpiry v1");
    assertWaitingOnlyAt(pi, "agreementEnds");
    assertThat(soleTimer(pi).getDuedate().toInstant()).isEqualTo(EXPIRY_DATE.toInstant());
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");

    setClock(EXPIRY_DATE.minusMinutes(1));
    assertThat(dueTimers(pi)).as("before the expiry date").isEmpty();

    setClock(EXPIRY_DATE.plusMinutes(1));
    fire(soleTimer(pi));

    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId()))
        .containsExactly("activateAgreement v1", "remindOfExpiry v1", "expireAgreement v1");
    assertThat(requestStatus(pi)).isEqualTo("EXPIRED");
    assertWaitingOnlyAt(pi, "confirmAccessRemoved");
    assertThat(candidateGroupsOfOpenTasks(pi, "confirmAccessRemoved"))
        .containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
    assertThat(openTasks(pi, "confirmAccessRemoved")).allSatisfy(task -> assertThat(task.getDueDate()).isNotNull());

    decide(openTaskFor(pi, "confirmAccessRemoved", "custodians-fin"), "frank", "removed", null);
    runJobs(pi);
    assertWaitingOnlyAt(pi, "confirmAccessRemoved");
    assertThat(candidateGroupsOfOpenTasks(pi, "confirmAccessRemoved")).containsExactly("custodians-pw");
    decide(openTaskFor(pi, "confirmAccessRemoved", "custodians-pw"), "wes", "removed", "Share revoked");
    runJobs(pi);

    assertEndedAt(pi, "accessRemoved");
    assertThat(pi).hasPassed("statusExpired", "departmentAccessRemoved").hasNotPassed("requestDelivered");
    assertThat(requestStatus(pi)).isEqualTo("EXPIRED");
    assertThat(statusTrail(pi)).containsExactly(
        "STEWARD_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE", "EXPIRED");
  }

  @Test
  void accessRemoval_remindsEachDepartmentsCustodians_andEscalatesToItsDirector() {
    ProcessInstance pi = deliveredUnderAnAgreement("DR-2026-0702");
    setClock(REMINDER_DATE.plusMinutes(1));
    fire(soleTimer(pi));
    // the agreement ends on a Friday morning: two working days later is Tuesday, five is the next Friday
    ZonedDateTime ended = EXPIRY_DATE.plusMinutes(1);
    assertThat(ended.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
    setClock(ended);
    fire(soleTimer(pi));
    List<Task> removals = openTasks(pi, "confirmAccessRemoved");
    assertThat(removals).hasSize(2).allSatisfy(task ->
        assertThat(task.getDueDate().toInstant()).isEqualTo(ended.plusDays(7).toInstant()));

    setClock(ended.plusDays(2).plusHours(1));
    assertThat(dueTimers(pi)).as("two calendar days later, on Sunday").isEmpty();
    setClock(ended.plusDays(4).plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("removalReminderDue", "removalReminderDue");
    setClock(ended.plusDays(5).plusHours(1));
    assertThat(dueTimers(pi)).as("five calendar days later, on Wednesday").isEmpty();
    setClock(ended.plusDays(7).plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("removalEscalationDue", "removalEscalationDue");

    assertThat(noticesSentFor(pi)).containsExactlyInAnyOrder(
        new Notice(REMINDER, "removalRemind", "confirmAccessRemoved", "FIN", null, "custodians-fin"),
        new Notice(REMINDER, "removalRemind", "confirmAccessRemoved", "PW", null, "custodians-pw"),
        new Notice(ESCALATION, "removalEscalate", "confirmAccessRemoved", "FIN", "director-fin", null),
        new Notice(ESCALATION, "removalEscalate", "confirmAccessRemoved", "PW", "director-pw", null));
    assertThat(removals).allSatisfy(task -> assertThat(isOpen(task)).isTrue());
    assertThat(requestStatus(pi)).isEqualTo("EXPIRED");
  }

  @Test
  void aStewardEndsTheAgreementEarly_itIsTerminatedAndEachDepartmentsCustodiansConfirmAccessRemoved() {
    ProcessInstance pi = deliveredUnderAnAgreement("DR-2026-0703");
    assertWaitingOnlyAt(pi, "expiryReminderDue");

    runtimeService.createMessageCorrelation("agreement-terminated").processInstanceBusinessKey("DR-2026-0703")
        .correlate();

    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("expiryReminderDue")
        .count()).as("the expiry reminder no longer waits").isZero();
    assertThat(requestStatus(pi)).isEqualTo("TERMINATED");
    assertWaitingOnlyAt(pi, "confirmAccessRemoved");
    assertThat(candidateGroupsOfOpenTasks(pi, "confirmAccessRemoved"))
        .containsExactlyInAnyOrder("custodians-fin", "custodians-pw");
    decide(openTaskFor(pi, "confirmAccessRemoved", "custodians-fin"), "frank", "removed", null);
    decide(openTaskFor(pi, "confirmAccessRemoved", "custodians-pw"), "wes", "removed", null);
    runJobs(pi);

    assertEndedAt(pi, "accessRemoved");
    assertThat(pi).hasPassed("agreementTerminated", "statusTerminated").hasNotPassed("expireAgreement",
        "statusExpired", "remindOfExpiry");
    assertThat(statusTrail(pi)).containsExactly(
        "STEWARD_REVIEW", "AGREEMENT_SIGNING", "DELIVERY", "IN_FORCE", "TERMINATED");
  }

  @Test
  void anAgreementEndedAfterItsExpiryReminder_skipsTheExpiry() {
    ProcessInstance pi = deliveredUnderAnAgreement("DR-2026-0704");
    setClock(REMINDER_DATE.plusMinutes(1));
    fire(soleTimer(pi));
    assertWaitingOnlyAt(pi, "agreementEnds");

    runtimeService.createMessageCorrelation("agreement-terminated").processInstanceBusinessKey("DR-2026-0704")
        .correlate();

    assertThat(requestStatus(pi)).isEqualTo("TERMINATED");
    assertThat(StewardTestEngine.AGREEMENT_STEPS.ranFor(pi.getId()))
        .containsExactly("activateAgreement v1", "remindOfExpiry v1");
    assertWaitingOnlyAt(pi, "confirmAccessRemoved");
  }

  /** FIN and PW share internal data with Community Development under an agreement; it is delivered. */
  private ProcessInstance deliveredUnderAnAgreement(String reference) {
    setClock(START);
    StewardTestEngine.AGREEMENTS.setTerm(reference, Date.from(EXPIRY_DATE.toInstant()),
        Date.from(REMINDER_DATE.toInstant()));
    ProcessInstance pi = submitRequest(reference, "FIN,PW", "INTERNAL", false, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    signByEverySignatory(pi);
    decideForEveryDepartment(pi, "deliverData", "delivered");
    assertThat(requestStatus(pi)).isEqualTo("IN_FORCE");
    return pi;
  }

  private Job soleTimer(ProcessInstance pi) {
    List<Job> timers = managementService.createJobQuery().processInstanceId(pi.getId()).timers().list();
    assertThat(timers).as("timers").hasSize(1);
    return timers.get(0);
  }

  private void fire(Job timer) {
    managementService.executeJob(timer.getId());
  }
}
