package org.steward.notifications.outbox;

/** What an email is about; each kind has its own template under {@code mail/}. */
public enum EmailKind {
    TASK_WAITING("task-waiting"),
    REMINDER("reminder"),
    ESCALATION("escalation"),
    STATUS_CHANGED("status-changed"),
    COMMENT_POSTED("comment-posted"),
    /** A signing link to an outside party's signatory, who has no account. */
    PARTNER_SIGNING("partner-signing");

    /** The recipient recorded for an outside signatory, who is not a person of the platform. */
    public static final String PARTNER_RECIPIENT = "partner";

    private final String template;

    EmailKind(String template) {
        this.template = template;
    }

    /** The template's name, without {@code .html} or {@code .txt}. */
    public String template() {
        return template;
    }
}
