package org.steward.workflow.sandbox;

import java.beans.FeatureDescriptor;
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

/**
 * The only way an expression in a deployed model reaches anything at run time: the request's variables as plain
 * values (read through maps, lists and arrays only), Steward's building blocks (only their methods for models), and
 * the members of {@code execution}, {@code task} and a decision table's result that {@link ModelReach} lists. Every
 * other property, every other method, on any object, is refused.
 */
final class SandboxResolver extends ELResolver {

    private static final String ENGINE_OBJECT_RULE = "of the execution and the task a model may use only their"
            + " variables and what identifies them";

    /** Names the engine would resolve to its own objects, which a model has no business holding. */
    private static final Set<String> ENGINE_NAMES = Set.of("externalTask", "caseExecution",
            VariableContextElResolver.VAR_CTX_KEY);

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
            modelMethods.put(block, ModelReach.modelMethods(block));
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
            if (!ModelReach.executionProperty(String.valueOf(property))) {
                throw SandboxRefusal.property(base, property, ENGINE_OBJECT_RULE);
            }
            return members.getValue(context, base, property);
        }
        if (base instanceof DmnDecisionResult || base instanceof DmnDecisionResultEntries) {
            if (ModelReach.decisionResultProperty(String.valueOf(property))) {
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
            if (!ModelReach.executionMethod(name)) {
                throw SandboxRefusal.method(base, name, ENGINE_OBJECT_RULE);
            }
            if (name.startsWith("setVariable") && params != null) {
                for (Object value : params) {
                    PlainValues.require(value, "the value of a variable");
                }
            }
            return members.invoke(context, base, name, paramTypes, params);
        }
        if ((base instanceof DmnDecisionResult || base instanceof DmnDecisionResultEntries)
                && ModelReach.decisionResultMethod(name)) {
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
}
