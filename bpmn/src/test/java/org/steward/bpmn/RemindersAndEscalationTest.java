package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.bpmn.BuildingBlockDoubles.CITY_ZONE;
import static org.steward.bpmn.BuildingBlockDoubles.SendNotice.ESCALATION;
import static org.steward.bpmn.BuildingBlockDoubles.SendNotice.REMINDER;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.steward.bpmn.BuildingBlockDoubles.Notice;

/**
 * Every waiting task: a reminder after 2 working days and an escalation after 5, by
 * non-interrupting timers, and a due date of 5 working days. The tasks start on a Thursday
 * morning, so both counts cross a weekend: 2 working days is Monday (not Saturday), 5 working
 * days is the next Thursday (not Tuesday). The engine's clock is moved; the job executor is off,
 * so the due timers are executed by the test.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class RemindersAndEscalationTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  /** Thursday 16 April 2026, 9:00 in the city (no daylight-saving change in the fortnight after). */
  static final ZonedDateTime THURSDAY = ZonedDateTime.of(2026, 4, 16, 9, 0, 0, 0, CITY_ZONE);
  /** Two calendar days later: a Saturday, when a calendar-day count would remind. */
  static final ZonedDateTime SATURDAY = THURSDAY.plusDays(2);
  /** Two working days later. */
  static final ZonedDateTime MONDAY = THURSDAY.plusDays(4);
  /** Five calendar days later: when a calendar-day count would escalate. */
  static final ZonedDateTime TUESDAY = THURSDAY.plusDays(5);
  /** Five working days later. */
  static final ZonedDateTime NEXT_THURSDAY = THURSDAY.plusDays(7);

  @BeforeEach
  void startOnAThursdayMorning() {
    assertThat(THURSDAY.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(SATURDAY.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(TUESDAY.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    setClock(THURSDAY);
  }

  @Test
  void stewardReview_remindsEachDepartmentsStewardsOnTheSecondWorkingDay_andEscalatesToItsDirectorOnTheFifth() {
    ProcessInstance pi = submitRequest("DR-2026-0601", "FIN,PW", "INTERNAL", false, "INTERNAL");
    List<Task> tasks = openTasks(pi, "approveAsSteward");
    assertThat(tasks).hasSize(2);
    assertDueNextThursday(tasks);
    // one reminder and one escalation per department, not one for the whole round
    assertThat(timerDates(pi, "stewardReminderDue")).containsExactly(MONDAY.toInstant(), MONDAY.toInstant());
    assertThat(timerDates(pi, "stewardEscalationDue"))
        .containsExactly(NEXT_THURSDAY.toInstant(), NEXT_THURSDAY.toInstant());

    setClock(SATURDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).as("due timers two calendar days later, on a Saturday").isEmpty();

    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("stewardReminderDue", "stewardReminderDue");
    assertThat(noticesSentFor(pi)).containsExactlyInAnyOrder(
        new Notice(REMINDER, "stewardRemind", "approveAsSteward", "FIN", null, "stewards-fin"),
        new Notice(REMINDER, "stewardRemind", "approveAsSteward", "PW", null, "stewards-pw"));
    assertStillOpen(tasks);

    setClock(TUESDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).as("due timers five calendar days later, on a Tuesday").isEmpty();

    setClock(NEXT_THURSDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("stewardEscalationDue", "stewardEscalationDue");
    assertThat(noticesSentFor(pi)).hasSize(4).contains(
        new Notice(ESCALATION, "stewardEscalate", "approveAsSteward", "FIN", "director-fin", null),
        new Notice(ESCALATION, "stewardEscalate", "approveAsSteward", "PW", "director-pw", null));
    assertStillOpen(tasks);
    assertThat(candidateGroupsOfOpenTasks(pi, "approveAsSteward"))
        .containsExactlyInAnyOrder("stewards-fin", "stewards-pw");
    assertThat(requestStatus(pi)).isEqualTo("STEWARD_REVIEW");
    assertThat(timers(pi)).as("nothing more is planned for these tasks").isEmpty();

    // late approvals still count, and deciding ends a department's timers
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(noticesSentFor(pi)).hasSize(4);
  }

  @Test
  void aDecisionBeforeTheReminderIsDue_cancelsThatDepartmentsTimers_only() {
    ProcessInstance pi = submitRequest("DR-2026-0602", "FIN,PW", "INTERNAL", false, "INTERNAL");
    decide(openTaskFor(pi, "approveAsSteward", "stewards-fin"), "fiona", "approve", null);
    runJobs(pi);
    assertThat(timerDates(pi, "stewardReminderDue")).containsExactly(MONDAY.toInstant());

    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("stewardReminderDue");
    assertThat(noticesSentFor(pi)).containsExactly(
        new Notice(REMINDER, "stewardRemind", "approveAsSteward", "PW", null, "stewards-pw"));
  }

  @Test
  void privacyReview_remindsThePrivacyOffice_andEscalatesToTheAdmins() {
    ProcessInstance pi = submitRequest("DR-2026-0603", "FIN", "CONFIDENTIAL", true, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    Task privacy = soleOpenTask(pi, "privacyReview");
    assertDueNextThursday(List.of(privacy));
    assertThat(timerDates(pi, "privacyReminderDue")).containsExactly(MONDAY.toInstant());
    assertThat(timerDates(pi, "privacyEscalationDue")).containsExactly(NEXT_THURSDAY.toInstant());

    setClock(SATURDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("privacyReminderDue");
    setClock(TUESDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(NEXT_THURSDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("privacyEscalationDue");

    assertThat(noticesSentFor(pi)).containsExactly(
        new Notice(REMINDER, "privacyRemind", "privacyReview", null, null, "privacy-office"),
        new Notice(ESCALATION, "privacyEscalate", "privacyReview", null, null, "admins"));
    assertStillOpen(List.of(privacy));
    assertWaitingOnlyAt(pi, "privacyReview");
    assertThat(requestStatus(pi)).isEqualTo("PRIVACY_REVIEW");

    decide(privacy, "pat", "approve", null);
    assertWaitingOnlyAt(pi, "signAgreement");
  }

  @Test
  void signing_remindsEachSignatory_andEscalatesToTheAdmins() {
    ProcessInstance pi = submitRequest("DR-2026-0604", "FIN", "INTERNAL", false, "INTERNAL", "frank,dana");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    List<Task> signing = openTasks(pi, "signAgreement");
    assertThat(signing).hasSize(2);
    assertDueNextThursday(signing);

    setClock(SATURDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("signingReminderDue", "signingReminderDue");
    setClock(TUESDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(NEXT_THURSDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("signingEscalationDue", "signingEscalationDue");

    assertThat(noticesSentFor(pi)).containsExactlyInAnyOrder(
        new Notice(REMINDER, "signingRemind", "signAgreement", null, "frank", null),
        new Notice(REMINDER, "signingRemind", "signAgreement", null, "dana", null),
        new Notice(ESCALATION, "signingEscalate", "signAgreement", null, null, "admins"),
        new Notice(ESCALATION, "signingEscalate", "signAgreement", null, null, "admins"));
    assertStillOpen(signing);
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
  }

  @Test
  void signingForAnOutsidePartner_remindsTheAdminsWhoRecordItsSignature() {
    ProcessInstance pi = submitRequest("DR-2026-0607", "PW", "INTERNAL", false, "EXTERNAL", "wes,external");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    decide(soleOpenTask(pi, "privacyReview"), "pat", "approve", null);
    assertThat(openTasks(pi, "signAgreement")).hasSize(2);

    setClock(MONDAY.plusMinutes(1));
    fireDueTimers(pi);
    // reminders fire for the privacy task's timers too if still open; here only signing waits
    assertThat(noticesSentFor(pi)).contains(
        new Notice(REMINDER, "signingRemind", "signAgreement", null, "wes", null),
        new Notice(REMINDER, "signingRemind", "signAgreement", null, null, "admins"));
  }

  @Test
  void revision_remindsTheRequester_andIsNeverEscalated() {
    ProcessInstance pi = submitRequest("DR-2026-0605", "PW", "INTERNAL", false, "INTERNAL");
    decide(openTaskFor(pi, "approveAsSteward", "stewards-pw"), "sam", "changes", "Which segments?");
    runJobs(pi);
    Task revise = soleOpenTask(pi, "reviseRequest");
    assertDueNextThursday(List.of(revise));
    assertThat(timers(pi)).extracting(this::activityOf).containsExactly("revisionReminderDue");

    setClock(SATURDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("revisionReminderDue");
    setClock(NEXT_THURSDAY.plusDays(7));
    assertThat(fireDueTimers(pi)).isEmpty();

    assertThat(noticesSentFor(pi)).containsExactly(
        new Notice(REMINDER, "revisionRemind", "reviseRequest", null, "alex", null));
    assertStillOpen(List.of(revise));
    assertThat(requestStatus(pi)).isEqualTo("CHANGES_REQUESTED");
  }

  @Test
  void delivery_remindsEachDepartmentsCustodians_andEscalatesToItsDirector() {
    ProcessInstance pi = submitRequest("DR-2026-0606", "FIN,PW", "PUBLIC", false, "INTERNAL");
    decideForEveryDepartment(pi, "approveAsSteward", "approve");
    List<Task> deliveries = openTasks(pi, "deliverData");
    assertThat(deliveries).hasSize(2);
    assertDueNextThursday(deliveries);

    setClock(SATURDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(MONDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("deliveryReminderDue", "deliveryReminderDue");
    setClock(TUESDAY.plusHours(1));
    assertThat(fireDueTimers(pi)).isEmpty();
    setClock(NEXT_THURSDAY.plusMinutes(1));
    assertThat(fireDueTimers(pi)).containsExactly("deliveryEscalationDue", "deliveryEscalationDue");

    assertThat(noticesSentFor(pi)).containsExactlyInAnyOrder(
        new Notice(REMINDER, "deliveryRemind", "deliverData", "FIN", null, "custodians-fin"),
        new Notice(REMINDER, "deliveryRemind", "deliverData", "PW", null, "custodians-pw"),
        new Notice(ESCALATION, "deliveryEscalate", "deliverData", "FIN", "director-fin", null),
        new Notice(ESCALATION, "deliveryEscalate", "deliverData", "PW", "director-pw", null));
    assertStillOpen(deliveries);
    assertThat(requestStatus(pi)).isEqualTo("DELIVERY");
  }

  private void assertDueNextThursday(List<Task> tasks) {
    assertThat(tasks).isNotEmpty().allSatisfy(task -> assertThat(task.getDueDate())
        .as("due date of %s", task.getTaskDefinitionKey()).isNotNull()
        .satisfies(due -> assertThat(due.toInstant()).isEqualTo(NEXT_THURSDAY.toInstant())));
  }

  /** Non-interrupting: the reminded tasks are the same tasks, still open, still due. */
  private void assertStillOpen(List<Task> tasks) {
    assertThat(tasks).isNotEmpty().allSatisfy(task -> assertThat(isOpen(task)).as("task %s is open", task.getId())
        .isTrue());
  }

  private List<Instant> timerDates(ProcessInstance pi, String boundaryEvent) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().activityId(boundaryEvent)
        .list().stream().map(job -> job.getDuedate().toInstant()).toList();
  }
}
