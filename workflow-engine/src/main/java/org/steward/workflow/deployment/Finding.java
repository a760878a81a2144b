package org.steward.workflow.deployment;

/** One thing the deployment gate found in a model: which resource, which element, and what is wrong, in plain words. */
public record Finding(String resource, String elementId, String problem) {

    /** The finding as one line, the way the Modeler and the admin pages show it. */
    public String line() {
        return (elementId == null ? "" : elementId + ": ") + problem;
    }
}
