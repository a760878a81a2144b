package org.steward.bpmn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Small stand-ins for the Spring beans the models call by expression (in production they live in
 * workflow-engine). They are the only beans the test engine's expressions can reach.
 */
public final class BuildingBlockDoubles {

  private BuildingBlockDoubles() {
  }

  /**
   * Production: loads the request's facts from the database. Here: counts the rounds and leaves the
   * facts (highestClassification, anyPii, recipientType, owningDepartments) as the test set them.
   */
  static final class GatherRouteFacts implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Integer round = (Integer) execution.getVariable("round");
      execution.setVariable("round", round == null ? 1 : round + 1);
    }
  }

  /** Production: records the route in the request's audit trail. Here: remembers what it was given. */
  static final class RecordRoute implements JavaDelegate {
    private final Map<String, List<String>> routesByProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
      routesByProcessInstance
          .computeIfAbsent(execution.getProcessInstanceId(), id -> Collections.synchronizedList(new ArrayList<>()))
          .add("privacyReviewRequired=" + execution.getVariable("privacyReviewRequired")
              + ", agreementRequired=" + execution.getVariable("agreementRequired"));
    }

    List<String> routesRecordedFor(String processInstanceId) {
      return List.copyOf(routesByProcessInstance.getOrDefault(processInstanceId, List.of()));
    }
  }

  /**
   * Production: sets the request's status. Here: copies the task-local input {@code status} to the
   * process variable {@code requestStatus}, and keeps the sequence of statuses per instance.
   */
  static final class SetStatus implements JavaDelegate {
    private final Map<String, List<String>> trailByProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
      Object status = execution.getVariableLocal("status");
      if (!(status instanceof String) || ((String) status).isBlank()) {
        throw new IllegalStateException("setStatus was called without a local input 'status' at "
            + execution.getCurrentActivityId());
      }
      execution.setVariable("requestStatus", status);
      trailByProcessInstance
          .computeIfAbsent(execution.getProcessInstanceId(), id -> Collections.synchronizedList(new ArrayList<>()))
          .add((String) status);
    }

    List<String> trailOf(String processInstanceId) {
      return List.copyOf(trailByProcessInstance.getOrDefault(processInstanceId, List.of()));
    }
  }

  /** Production: the departments service. Here: derives group names from department codes. */
  public static final class Departments {
    public List<String> list(String csv) {
      if (csv == null || csv.isBlank()) {
        return List.of();
      }
      return Arrays.stream(csv.split(",")).map(String::trim).filter(code -> !code.isEmpty()).toList();
    }

    public String stewardGroup(String code) {
      return "stewards-" + code.toLowerCase();
    }

    public String custodianGroup(String code) {
      return "custodians-" + code.toLowerCase();
    }
  }
}
