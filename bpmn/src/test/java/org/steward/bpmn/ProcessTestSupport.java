package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;

/** What the process tests share: the engine's services, the demo people, and a few plain helpers. */
abstract class ProcessTestSupport {

  static final String PROCESS_MODEL = "steward/models/data-request.bpmn";
  static final String ROUTE_TABLE = "steward/models/review-route.dmn";
  static final String PROCESS_KEY = "data-request";

  /** The demo people of PRODUCT.md and the groups they act in. */
  static final Map<String, List<String>> GROUPS_OF = Map.of(
      "alex", List.of("staff-cd"),
      "fiona", List.of("stewards-fin"),
      "sam", List.of("stewards-pw"),
      "frank", List.of("custodians-fin"),
      "wes", List.of("custodians-pw"));

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
  }

  ProcessInstance submitRequest(String reference, String owningDepartments, String highestClassification,
                                boolean anyPii, String recipientType) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, reference, Variables.createVariables()
        .putValue("requester", "alex")
        .putValue("highestClassification", highestClassification)
        .putValue("anyPii", anyPii)
        .putValue("recipientType", recipientType)
        .putValue("owningDepartments", owningDepartments));
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

  /** Completes a task as the product does: through the task's form, as the given person. */
  void decide(Task task, String person, String decision, String comment) {
    identityService.setAuthentication(person, GROUPS_OF.get(person));
    try {
      formService.submitTaskForm(task.getId(), formValues(decision, comment));
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
