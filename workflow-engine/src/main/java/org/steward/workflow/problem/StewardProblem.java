package org.steward.workflow.problem;

import java.util.Map;

/** A refusal in plain words, with the kind of problem that says how the portal answers it. */
public class StewardProblem extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The input is wrong; the field errors say where. */
        INVALID,
        /** Nothing there, or nothing the caller may see. */
        NOT_FOUND,
        /** The caller may see it but not do this. */
        FORBIDDEN,
        /** It cannot be done in the state things are in now. */
        CONFLICT,
        /** The platform is set up in a way that keeps this from working; an admin must act. */
        MISCONFIGURED
    }

    private final Kind kind;
    private final transient Map<String, String> fieldErrors;

    public StewardProblem(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    public StewardProblem(Kind kind, String message, Map<String, String> fieldErrors) {
        super(message);
        this.kind = kind;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static StewardProblem notFound(String what) {
        return new StewardProblem(Kind.NOT_FOUND, what + " does not exist, or you may not see it.");
    }

    public static StewardProblem invalid(Map<String, String> fieldErrors) {
        return new StewardProblem(Kind.INVALID, "Some fields need attention.", fieldErrors);
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The first StewardProblem in a chain of causes, as the engine wraps what building blocks throw. */
    public static java.util.Optional<StewardProblem> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof StewardProblem problem) {
                return java.util.Optional.of(problem);
            }
        }
        return java.util.Optional.empty();
    }
}
