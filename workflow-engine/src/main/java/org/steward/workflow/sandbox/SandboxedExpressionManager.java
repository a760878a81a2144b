package org.steward.workflow.sandbox;

import java.util.Map;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * The engine's expression manager with one resolver, the sandbox, in place of the engine's chain (which ends in a
 * resolver that calls any method of any object). The engine evaluates every JUEL expression of a model through it,
 * and the decision engine every JUEL expression of a table.
 */
final class SandboxedExpressionManager extends JuelExpressionManager {

    SandboxedExpressionManager(Map<Object, Object> buildingBlocks) {
        super(buildingBlocks);
    }

    @Override
    protected ELResolver createElResolver() {
        return new SandboxResolver(beans);
    }
}
