package org.steward.portal.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A class a model might name to run code: creating one writes its marker file, so a test sees whether the engine ever
 * made one. It is every kind of class a model can name, so that no cast fails before the marker would be written.
 */
public class MarkerClass implements JavaDelegate, ExecutionListener, TaskListener, DelegateVariableMapping,
        FormFieldValidator {

    static final Path MARKER = Path.of("target", "sandbox-markers", "java-class.marker").toAbsolutePath();

    public MarkerClass() {
        try {
            Files.createDirectories(MARKER.getParent());
            Files.writeString(MARKER, "created");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(DelegateExecution execution) {
    }

    @Override
    public void notify(DelegateExecution execution) {
    }

    @Override
    public void notify(DelegateTask task) {
    }

    @Override
    public void mapInputVariables(DelegateExecution execution, VariableMap variables) {
    }

    @Override
    public void mapOutputVariables(DelegateExecution execution, VariableScope subInstance) {
    }

    @Override
    public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
        return true;
    }
}
