package org.steward.workflow.request;

/** Whether the data is delivered once or again and again. */
public enum Frequency {
    ONE_TIME, RECURRING
}
