/**
 * What the engine and Steward's own tables say about how Steward is doing, for health checks and metrics: read in a
 * few aggregate queries, never row by row.
 */
package org.steward.workflow.monitoring;
