package org.steward.workflow.sandbox;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.valuemapper.CustomValueMapper;

/**
 * The decision engine's FEEL, as the engine builds it (no calls to Java functions), with {@link PlainFeelValues} in
 * front of its value mappers so that no Java object becomes a context of getters and methods.
 */
final class SandboxedFeelEngineFactory implements FeelEngineFactory {

    private final List<FeelCustomFunctionProvider> functionProviders;

    SandboxedFeelEngineFactory(List<FeelCustomFunctionProvider> functionProviders) {
        this.functionProviders = functionProviders;
    }

    @Override
    public FeelEngine createInstance() {
        return new ScalaFeelEngine(functionProviders) {
            @Override
            protected camundajar.impl.scala.collection.immutable.List<CustomValueMapper> getValueMappers() {
                return toScalaList(new PlainFeelValues(), new JavaValueMapper());
            }
        };
    }
}
