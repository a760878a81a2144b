package org.steward.workflow.sandbox;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClassDelegateUtil;
import org.camunda.bpm.engine.ArtifactFactory;

/**
 * Makes the engine refuse to create an object of a Java class that a model names ({@code camunda:class} on a task or
 * listener, a variable mapping class): Steward's steps are its building blocks, reached by name.
 *
 * @see ClassDelegateUtil
 */
final class NoJavaClasses implements ArtifactFactory {

    @Override
    public <T> T getArtifact(Class<T> clazz) {
        throw new ProcessEngineException("Steward runs no Java class that a model names (" + clazz.getName()
                + "): use one of Steward's building blocks instead.");
    }
}
