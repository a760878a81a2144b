package org.steward.workflow.task;

/** How a person reached the platform to take a decision. */
public enum Channel {
    WEB, EMAIL, API;

    /** The form stored on decisions and audit events. */
    public String code() {
        return name().toLowerCase();
    }
}
