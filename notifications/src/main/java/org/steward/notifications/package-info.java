/**
 * Email for Steward: templates, the outbox and its sender, the signed action links. The engine publishes
 * {@code TaskWaiting} and {@code RequestStatusChanged} events inside its transactions; this module will turn
 * them into email through an outbox.
 */
package org.steward.notifications;
