/**
 * Email for Steward: the outbox written in the engine's transactions, its sender, the templates, the action links
 * in task emails, the in-app mailbox of the embedded default and each person's choice of status emails. Nothing
 * here is a step of a model: it reacts to the events the engine publishes ({@code TaskWaiting},
 * {@code ReminderDue}, {@code RequestStatusChanged}, {@code AgreementExpiring}, {@code CommentPosted}).
 */
package org.steward.notifications;
