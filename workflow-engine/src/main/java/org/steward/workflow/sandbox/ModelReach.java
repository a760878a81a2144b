package org.steward.workflow.sandbox;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.steward.workflow.process.ModelMethod;
import org.springframework.aop.support.AopUtils;

/**
 * What an expression in a model may reach beyond the request's variables, in one list for the deployment gate (which
 * judges a model's text) and the engine's sandbox (which judges what an expression does at run time).
 */
public final class ModelReach {

    /** The engine's own objects a model may name: the execution and the task it runs in. */
    public static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task");
    /** The variable a business rule task leaves for its output mappings. */
    public static final String DECISION_RESULT = "decisionResult";

    private static final Set<String> EXECUTION_AND_TASK_METHODS = Set.of("getVariable", "getVariableLocal",
            "getVariables", "getVariablesLocal", "hasVariable", "hasVariableLocal", "hasVariables", "getVariableNames",
            "getVariableNamesLocal", "setVariable", "setVariableLocal", "getProcessBusinessKey", "getBusinessKey",
            "getProcessInstanceId", "getId", "getCurrentActivityId", "getCurrentActivityName", "getEventName",
            "getName", "getAssignee", "getTaskDefinitionKey", "getDueDate", "getFollowUpDate", "getCreateTime",
            "getProcessDefinitionId", "getActivityInstanceId", "getTenantId", "getPriority", "getDescription",
            "getOwner");
    private static final Set<String> EXECUTION_AND_TASK_PROPERTIES = Set.of("variables", "variablesLocal",
            "variableNames", "variableNamesLocal", "processBusinessKey", "businessKey", "processInstanceId", "id",
            "currentActivityId", "currentActivityName", "eventName", "name", "assignee", "taskDefinitionKey", "dueDate",
            "followUpDate", "createTime", "processDefinitionId", "activityInstanceId", "tenantId", "priority",
            "description", "owner");
    private static final Set<String> DECISION_RESULT_METHODS = Set.of("getSingleResult", "getFirstResult",
            "getResultList", "collectEntries", "getSingleEntry", "getFirstEntry", "getEntry", "getEntryMap");
    private static final Set<String> DECISION_RESULT_PROPERTIES = Set.of("singleResult", "firstResult", "resultList",
            "singleEntry", "firstEntry", "entryMap");

    private ModelReach() {
    }

    /** A method of the execution or the task that a model may call: their variables and what identifies them. */
    public static boolean executionMethod(String name) {
        return EXECUTION_AND_TASK_METHODS.contains(name);
    }

    /** A property of the execution or the task that a model may read. */
    public static boolean executionProperty(String name) {
        return EXECUTION_AND_TASK_PROPERTIES.contains(name);
    }

    /** A method of a decision result or one of its rows that a model may call. */
    public static boolean decisionResultMethod(String name) {
        return DECISION_RESULT_METHODS.contains(name);
    }

    /** A property of a decision result or one of its rows that a model may read. */
    public static boolean decisionResultProperty(String name) {
        return DECISION_RESULT_PROPERTIES.contains(name);
    }

    /**
     * The names of a building block's methods for models ({@link ModelMethod}). A name counts only when every public
     * method of that name is marked, so that an overload cannot slip in beside a marked method.
     */
    public static Set<String> modelMethods(Object buildingBlock) {
        Class<?> type = AopUtils.getTargetClass(buildingBlock);
        Map<String, Boolean> marked = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())) {
                marked.merge(method.getName(), method.isAnnotationPresent(ModelMethod.class), Boolean::logicalAnd);
            }
        }
        Set<String> names = new TreeSet<>();
        marked.forEach((name, forModels) -> {
            if (forModels) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSet(names);
    }
}
