package org.steward.workflow.sandbox;

import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;

/**
 * Refuses every Java class the engine is asked to build a variable of: the engine's REST API would otherwise build an
 * object of any class an admin names from JSON (running its constructor and setters) before storing it. Steward's
 * variables are plain values and never need one.
 */
final class NoObjectsFromJson implements DeserializationTypeValidator {

    @Override
    public boolean validate(String className) {
        return false;
    }
}
