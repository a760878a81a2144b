/**
 * Health and metrics for the city's operators: {@code /actuator/health} with its liveness and readiness groups, and
 * Steward's own figures at {@code /actuator/prometheus}, read by admins and the metrics account.
 */
package org.steward.portal.monitoring;
