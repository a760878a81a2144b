package org.steward.workflow.sandbox;

import java.beans.FeatureDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.process.ModelMethod;
import org.springframework.aop.support.AopUtils;

/**
 * The only way an expression in a deployed model reaches anything at run time: the request's variables as plain
 * values (read through maps, lists and arrays only), Steward's building blocks (only their {@link ModelMethod}s), a
 * fixed list of members of {@code execution} and {@code task} (their variables and what identifies them), and the
 * members of a decision table's result. Every other property, every other method, on any object, is refused.
 */
final class SandboxResolver extends ELResolver {

    private static final Logger log = LoggerFactory.getLogger(SandboxResolver.class);

    /** Names the engine would resolve to its own objects, which a model has no business holding. */
    private static final Set<String> ENGINE_NAMES = Set.of("externalTask", "caseExecution",
            VariableContextElResolver.VAR_CTX_KEY);

    /** What a model may use of the execution and the task it runs in, as methods and as properties. */
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
    /** A business rule task's {@code decisionResult}: a list of rows, each a map of outputs. */
    private static final Set<String> DECISION_RESULT_METHODS = Set.of("getSingleResult", "getFirstResult",
            "getResultList", "collectEntries", "getSingleEntry", "getFirstEntry", "getEntry", "getEntryMap");
    private static final Set<String> DECISION_RESULT_PROPERTIES = Set.of("singleResult", "firstResult", "resultList",
            "singleEntry", "firstEntry", "entryMap");

    private final ELResolver scope = new VariableScopeElResolver();
    private final ELResolver variableContext = new VariableContextElResolver();
    private final ELResolver members = new BeanELResolver(true);
    private final ELResolver maps = new MapELResolver(true);
    private final ELResolver lists = new ListELResolver(true);
    private final ELResolver arrays = new ArrayELResolver(true);
    private final Map<String, Object> buildingBlocks = new HashMap<>();
    /** Each building block's methods for models, by name; the blocks themselves compared by identity. */
    private final Map<Object, Set<String>> modelMethods = new IdentityHashMap<>();

    SandboxResolver(Map<Object, Object> blocks) {
        blocks.forEach((name, block) -> {
            buildingBlocks.put(name.toString(), block);
            modelMethods.put(block, modelMethodsOf(block));
        });
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return identifier(context, String.valueOf(property));
        }
        if (modelMethods.containsKey(base)) {
            throw SandboxRefusal.property(base, property, "a building block offers models only its methods");
        }
        if (base instanceof DelegateExecution || base instanceof DelegateTask) {
            allowed(EXECUTION_AND_TASK_PROPERTIES, base, property);
            return members.getValue(context, base, property);
        }
        if (base instanceof DmnDecisionResult || base instanceof DmnDecisionResultEntries) {
            if (DECISION_RESULT_PROPERTIES.contains(String.valueOf(property))) {
                return members.getValue(context, base, property);
            }
        }
        if (base instanceof Map) {
            return maps.getValue(context, base, property);
        }
        if (base instanceof List) {
            return lists.getValue(context, base, property);
        }
        if (base.getClass().isArray()) {
            return arrays.getValue(context, base, property);
        }
        throw SandboxRefusal.property(base, property, "models may read only variables, maps and lists");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        String name = String.valueOf(method);
        Set<String> blockMethods = base == null ? null : modelMethods.get(base);
        if (blockMethods != null) {
            if (!blockMethods.contains(name)) {
                throw SandboxRefusal.method(base, name, "it is not one of the building block's methods for models ("
                        + String.join(", ", blockMethods.isEmpty() ? Set.of("none") : blockMethods) + ")");
            }
            return members.invoke(context, base, name, paramTypes, params);
        }
        if (base instanceof DelegateExecution || base instanceof DelegateTask) {
            allowed(EXECUTION_AND_TASK_METHODS, base, name);
            if (name.startsWith("setVariable") && params != null) {
                for (Object value : params) {
                    PlainValues.require(value, "the value of a variable");
                }
            }
            return members.invoke(context, base, name, paramTypes, params);
        }
        if ((base instanceof DmnDecisionResult || base instanceof DmnDecisionResultEntries)
                && DECISION_RESULT_METHODS.contains(name)) {
            return members.invoke(context, base, name, paramTypes, params);
        }
        throw SandboxRefusal.method(base, name, "models may call only the building blocks' methods for models and"
                + " the variable methods of execution and task");
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            throw SandboxRefusal.property(base, property, "models may change only variables");
        }
        PlainValues.require(value, "the value of a variable");
        scope.setValue(context, null, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return base != null || scope.isReadOnly(context, null, property);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return base == null ? Object.class : null;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base == null ? String.class : null;
    }

    /** A name on its own: a variable (or the execution, the task, the person acting), else a building block. */
    private Object identifier(ELContext context, String name) {
        if (ENGINE_NAMES.contains(name)) {
            throw SandboxRefusal.name(name);
        }
        context.setPropertyResolved(false);
        Object value = scope.getValue(context, null, name);
        if (context.isPropertyResolved()) {
            return value;
        }
        value = variableContext.getValue(context, null, name);
        if (context.isPropertyResolved()) {
            return value;
        }
        if (buildingBlocks.containsKey(name)) {
            context.setPropertyResolved(true);
            return buildingBlocks.get(name);
        }
        return null;
    }

    private static void allowed(Set<String> members, Object base, Object member) {
        if (!members.contains(String.valueOf(member))) {
            throw SandboxRefusal.method(base, String.valueOf(member), "of the execution and the task a model may use"
                    + " only their variables and what identifies them");
        }
    }

    /**
     * The names of a building block's methods for models. A name is offered only when every public method of that
     * name is marked, so that an overload cannot slip in beside a marked method.
     */
    private static Set<String> modelMethodsOf(Object block) {
        Class<?> type = AopUtils.getTargetClass(block);
        Map<String, Boolean> marked = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            boolean forModels = method.isAnnotationPresent(ModelMethod.class);
            marked.merge(method.getName(), forModels, Boolean::logicalAnd);
        }
        Set<String> names = new java.util.TreeSet<>();
        marked.forEach((name, forModels) -> {
            if (forModels) {
                names.add(name);
            }
        });
        log.debug("Building block {} offers models {}", type.getSimpleName(), names);
        return Collections.unmodifiableSet(names);
    }
}
