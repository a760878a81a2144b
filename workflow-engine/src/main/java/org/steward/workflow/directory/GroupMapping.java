package org.steward.workflow.directory;

import java.time.Instant;

/** One line of the mapping an admin edits: members of a directory group are put in a Steward group. */
public record GroupMapping(String directoryGroup, String stewardGroup, String createdBy, Instant createdAt) {
}
