package org.steward.notifications.outbox;

/** What an email is about; each kind has its own template under {@code mail/}. */
public enum EmailKind {
    TASK_WAITING("task-waiting"),
    REMINDER("reminder"),
    ESCALATION("escalation"),
    STATUS_CHANGED("status-changed"),
    COMMENT_POSTED("comment-posted");

    private final String template;

    EmailKind(String template) {
        this.template = template;
    }

    /** The template's name, without {@code .html} or {@code .txt}. */
    public String template() {
        return template;
    }
}
