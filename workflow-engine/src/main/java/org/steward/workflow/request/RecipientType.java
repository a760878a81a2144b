package org.steward.workflow.request;

/** Whether the data stays inside the city or goes to an outside partner. */
public enum RecipientType {
    INTERNAL, EXTERNAL
}
