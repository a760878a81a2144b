package org.steward.workflow.sandbox;

import org.camunda.bpm.impl.juel.jakarta.el.ELException;

/**
 * What the expression sandbox answers when a model reaches for something Steward did not give it; the engine turns it
 * into a failed step (an incident, or a refused call), and nothing of what was asked runs.
 */
final class SandboxRefusal extends ELException {

    private static final String RULE = " Steward runs only its building blocks: a model may use the request's"
            + " variables, the building blocks' methods for models, and the variables of execution and task.";

    private SandboxRefusal(String message) {
        super(message);
    }

    static SandboxRefusal property(Object base, Object property, String why) {
        return new SandboxRefusal("The model may not read \"" + property + "\" of " + describe(base) + ": " + why
                + "." + RULE);
    }

    static SandboxRefusal method(Object base, String method, String why) {
        return new SandboxRefusal("The model may not call \"" + method + "\" on " + describe(base) + ": " + why + "."
                + RULE);
    }

    static SandboxRefusal name(String name) {
        return new SandboxRefusal("The model may not use \"" + name + "\"." + RULE);
    }

    static SandboxRefusal value(Object value, String what) {
        return new SandboxRefusal("The model may not use " + describe(value) + " as " + what + ": only text, numbers,"
                + " yes/no, dates, and lists and maps of those." + RULE);
    }

    /** The kind of object, never its content: a refusal must not echo what a variable holds. */
    private static String describe(Object base) {
        return base == null ? "nothing" : "a " + base.getClass().getSimpleName();
    }
}
