package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the process tests share: the engine's services, the demo people, and a few plain helpers. */
abstract class ProcessTestSupport {

  static final String PROCESS_MODEL = "steward/models/data-request.bpmn";
  static final String ROUTE_TABLE = "steward/models/review-route.dmn";
  static final String PROCESS_KEY = "data-request";

  /** The demo people of PRODUCT.md and the groups they act in. */
  static final Map<String, List<String>> GROUPS_OF = Map.ofEntries(
      Map.entry("alex", List.of("staff-cd")),
      Map.entry("fiona", List.of("stewards-fin")),
      Map.entry("sam", List.of("stewards-pw")),
      Map.entry("pat", List.of("privacy-office")),
      Map.entry("dana", List.of()),
      Map.entry("frank", List.of("custodians-fin")),
      Map.entry("wes", List.of("custodians-pw")),
      Map.entry("admin", List.of("admins", "camunda-admin")));

  /** Who acts for a group in the tests: the demo steward or custodian of each department. */
  static final Map<String, String> PERSON_IN = Map.of(
      "stewards-fin", "fiona",
      "stewards-pw", "sam",
      "custodians-fin", "frank",
      "custodians-pw", "wes",
      "privacy-office", "pat",
      "admins", "admin");

  /** The demo directors, who sign for their departments. */
  static final Map<String, String> DIRECTOR_OF = Map.of("FIN", "frank", "PW", "wes", "CD", "dana");

  static final String WITHDRAWAL_MESSAGE = "withdrawal-requested";

  final ProcessEngine engine = StewardTestEngine.processEngine();
  final RuntimeService runtimeService = engine.getRuntimeService();
  final TaskService taskService = engine.getTaskService();
  final FormService formService = engine.getFormService();
  final HistoryService historyService = engine.getHistoryService();
  final ManagementService managementService = engine.getManagementService();
  final RepositoryService repositoryService = engine.getRepositoryService();
  final IdentityService identityService = engine.getIdentityService();

  @BeforeEach
  void bindAssertionsToTheEngine() {
    BpmnAwareTests.init(engine);
    StewardTestEngine.AGREEMENTS.forgetTerms();
  }

  /**
   * Starts a request as the portal does (business key = reference). The agreement, if the route
   * needs one, is signed by the directors of the owning departments and the recipient: Community
   * Development's director for an internal recipient, the partner's signatory for an external one.
   */
  ProcessInstance submitRequest(String reference, String owningDepartments, String highestClassification,
                                boolean anyPii, String recipientType) {
    return submitRequest(reference, owningDepartments, highestClassification, anyPii, recipientType,
        signatoriesFor(owningDepartments, recipientType));
  }

  ProcessInstance submitRequest(String reference, String owningDepartments, String highestClassification,
                                boolean anyPii, String recipientType, String testSignatories) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, reference, Variables.createVariables()
        .putValue("requester", "alex")
        .putValue("highestClassification", highestClassification)
        .putValue("anyPii", anyPii)
        .putValue("recipientType", recipientType)
        .putValue("owningDepartments", owningDepartments)
        .putValue("testSignatories", testSignatories));
  }

  static String signatoriesFor(String owningDepartments, String recipientType) {
    Set<String> keys = new LinkedHashSet<>();
    for (String department : StewardTestEngine.DEPARTMENTS.list(owningDepartments)) {
      keys.add(DIRECTOR_OF.get(department));
    }
    keys.add("EXTERNAL".equals(recipientType) ? BuildingBlockDoubles.Signatories.EXTERNAL : DIRECTOR_OF.get("CD"));
    return String.join(",", keys);
  }

  /** The open tasks of one step, one per department. */
  List<Task> openTasks(ProcessInstance pi, String taskDefinitionKey) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskDefinitionKey).list();
  }

  /** The candidate group of each open task of a step (each task must have exactly one). */
  List<String> candidateGroupsOfOpenTasks(ProcessInstance pi, String taskDefinitionKey) {
    return openTasks(pi, taskDefinitionKey).stream().map(this::soleCandidateGroup).toList();
  }

  String soleCandidateGroup(Task task) {
    List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(link -> link.getGroupId())
        .toList();
    assertThat(groups).as("candidate groups of task %s (%s)", task.getId(), task.getTaskDefinitionKey()).hasSize(1);
    return groups.get(0);
  }

  /** The one open task of a step that the given group may act on. */
  Task openTaskFor(ProcessInstance pi, String taskDefinitionKey, String candidateGroup) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(taskDefinitionKey).taskCandidateGroup(candidateGroup).list();
    assertThat(tasks).as("open %s tasks for %s", taskDefinitionKey, candidateGroup).hasSize(1);
    return tasks.get(0);
  }

  /** The one open task of a step assigned to the given person. */
  Task openTaskAssignedTo(ProcessInstance pi, String taskDefinitionKey, String assignee) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(taskDefinitionKey).taskAssignee(assignee).list();
    assertThat(tasks).as("open %s tasks assigned to %s", taskDefinitionKey, assignee).hasSize(1);
    return tasks.get(0);
  }

  /** The one open task of a step (a step the instance waits at once, not per department). */
  Task soleOpenTask(ProcessInstance pi, String taskDefinitionKey) {
    List<Task> tasks = openTasks(pi, taskDefinitionKey);
    assertThat(tasks).as("open %s tasks", taskDefinitionKey).hasSize(1);
    return tasks.get(0);
  }

  List<Task> allOpenTasks(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).list();
  }

  /** The candidate groups of a task (none for a task assigned to a person). */
  List<String> candidateGroupsOf(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(link -> link.getGroupId())
        .filter(Objects::nonNull)
        .toList();
  }

  /** Completes a task as the product does: through the task's form, as the given person. */
  void decide(Task task, String person, String decision, String comment) {
    decide(task, person, decision, comment, Map.of());
  }

  /** The same, with the task's other form fields (privacy threshold answers, conditions ...). */
  void decide(Task task, String person, String decision, String comment, Map<String, Object> fields) {
    Map<String, Object> values = formValues(decision, comment);
    values.putAll(fields);
    identityService.setAuthentication(person, GROUPS_OF.get(person));
    try {
      formService.submitTaskForm(task.getId(), values);
    } finally {
      identityService.clearAuthentication();
    }
  }

  static Map<String, Object> formValues(String decision, String comment) {
    Map<String, Object> values = new HashMap<>();
    if (decision != null) {
      values.put("decision", decision);
    }
    if (comment != null) {
      values.put("comment", comment);
    }
    return values;
  }

  /** Every open task of a department step decided the same way by the group's person; then the jobs run. */
  void decideForEveryDepartment(ProcessInstance pi, String taskDefinitionKey, String decision) {
    List<Task> tasks = openTasks(pi, taskDefinitionKey);
    assertThat(tasks).as("open %s tasks", taskDefinitionKey).isNotEmpty();
    for (Task task : tasks) {
      decide(task, PERSON_IN.get(soleCandidateGroup(task)), decision, null);
    }
    runJobs(pi);
  }

  /** Every open signing task signed, by its assignee or, for the partner, by an admin; then the jobs run. */
  void signByEverySignatory(ProcessInstance pi) {
    List<Task> tasks = openTasks(pi, "signAgreement");
    assertThat(tasks).as("open signAgreement tasks").isNotEmpty();
    for (Task task : tasks) {
      String person = task.getAssignee() != null ? task.getAssignee() : PERSON_IN.get(soleCandidateGroup(task));
      decide(task, person, "sign", null, signingFields(person));
    }
    runJobs(pi);
  }

  /** What the signing page sends with "sign" (the double does not check it; the real building block does). */
  static Map<String, Object> signingFields(String person) {
    return Map.of("typedName", person + " Signer", "consent", true, "documentHash", "0".repeat(64));
  }

  /** The requester withdraws the request (the portal correlates the message by the reference). */
  void withdraw(ProcessInstance pi) {
    runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .correlate();
  }

  /**
   * The steps (tasks, timers) the instance waits at, and nothing else: the enclosing subprocesses
   * are left out, each step counted once however many departments or signatories it waits for.
   */
  void assertWaitingOnlyAt(ProcessInstance pi, String... steps) {
    assertThat(pi).isNotEnded();
    assertThat(runtimeService.getActiveActivityIds(pi.getId())).as("the steps the request waits at")
        .containsOnly(steps);
  }

  /** The end event at which the instance ended. */
  String endEventOf(ProcessInstance pi) {
    HistoricProcessInstance historic = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).singleResult();
    assertThat(historic.getEndTime()).as("the instance has ended").isNotNull();
    return historic.getEndActivityId();
  }

  /** The instance ended at the given end event, and left nothing behind: no task, no job, no subscription. */
  void assertEndedAt(ProcessInstance pi, String endEvent) {
    assertThat(pi).isEnded();
    assertThat(endEventOf(pi)).isEqualTo(endEvent);
    assertThat(allOpenTasks(pi)).as("open tasks").isEmpty();
    assertThat(jobCount(pi)).as("jobs").isZero();
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(pi.getId()).count())
        .as("event subscriptions").isZero();
  }

  List<BuildingBlockDoubles.Notice> noticesSentFor(ProcessInstance pi) {
    return StewardTestEngine.NOTICES.sentFor(pi.getId());
  }

  List<Job> timers(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list();
  }

  /** The timers due at the engine's current time. */
  List<Job> dueTimers(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().executable().list();
  }

  /** Executes the timers due at the engine's current time; answers the events they belong to. */
  List<String> fireDueTimers(ProcessInstance pi) {
    List<Job> due = dueTimers(pi);
    List<String> fired = due.stream().map(this::activityOf).toList();
    due.forEach(job -> managementService.executeJob(job.getId()));
    return fired;
  }

  /** The activity (a timer event, an asynchronous step) a job belongs to. */
  String activityOf(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  /** Moves the engine's clock (reset after each test). */
  static void setClock(ZonedDateTime moment) {
    ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }

  /** Runs the instance's jobs one after the other until none is left (the job executor is off). */
  void runJobs(ProcessInstance pi) {
    for (int i = 0; i < 50; i++) {
      List<Job> jobs = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
    fail("the instance keeps creating jobs");
  }

  long jobCount(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).count();
  }

  /** The status the request would show now (read from history, so it works after the end too). */
  Object requestStatus(ProcessInstance pi) {
    return processVariable(pi, "requestStatus");
  }

  /** A variable of the process instance's own scope (not a task-local or department-local one). */
  Object processVariable(ProcessInstance pi, String name) {
    List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).list().stream()
        .filter(variable -> pi.getId().equals(variable.getExecutionId()))
        .toList();
    assertThat(variables).as("process variable %s", name).hasSize(1);
    return variables.get(0).getValue();
  }

  boolean hasProcessVariable(ProcessInstance pi, String name) {
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).list().stream()
        .anyMatch(variable -> pi.getId().equals(variable.getExecutionId()));
  }

  List<String> statusTrail(ProcessInstance pi) {
    return StewardTestEngine.SET_STATUS.trailOf(pi.getId());
  }

  /** Whether a task that is no longer open was completed by someone, or cancelled by the engine. */
  String howTaskEnded(Task task) {
    return historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult().getDeleteReason();
  }

  boolean isOpen(Task task) {
    return taskService.createTaskQuery().taskId(task.getId()).count() == 1;
  }
}
