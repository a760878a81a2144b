package org.steward.workflow.task;

/** Where a person acted from (their address and browser), kept with their decision as evidence. */
public record Client(String ip, String userAgent) {

    /** For calls that have no connection to record. */
    public static final Client UNKNOWN = new Client(null, null);
}
