package org.steward.notifications.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One email in the outbox: to whom, about what, and how its sending went. Its text is made when it is sent. */
@Entity
@Table(name = "outbox_email")
public class OutboxEmail {

    /** Where an email stands. */
    public enum Status {
        /** Waiting for its first try, or for its next one after a failure. */
        PENDING,
        SENT,
        /** Every try failed; an admin can send it again. */
        FAILED,
        /** Not sent because it no longer had a point (its task was done before it went out). */
        SKIPPED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private EmailKind kind;
    private String recipient;
    private String address;
    private String requestReference;
    private String taskId;
    @Column(name = "facts_json")
    private String factsJson;
    private String subject;
    @Enumerated(EnumType.STRING)
    private Status status;
    private int attempts;
    private Instant createdAt;
    private Instant nextAttemptAt;
    private String claimedBy;
    private Instant claimedUntil;
    private Instant sentAt;
    private String lastError;

    protected OutboxEmail() {
    }

    OutboxEmail(EmailKind kind, String recipient, String address, String requestReference, String taskId,
            String factsJson, Instant now) {
        this.kind = kind;
        this.recipient = recipient;
        this.address = address;
        this.requestReference = requestReference;
        this.taskId = taskId;
        this.factsJson = factsJson;
        this.status = Status.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void sent(String subject, Instant now) {
        this.subject = subject;
        this.status = Status.SENT;
        this.sentAt = now;
        this.claimedBy = null;
        this.claimedUntil = null;
        this.lastError = null;
    }

    void skipped(String why) {
        this.status = Status.SKIPPED;
        this.lastError = why;
        this.claimedBy = null;
        this.claimedUntil = null;
    }

    void failed(String subject, String error, Instant nextAttempt) {
        if (subject != null) {
            this.subject = subject;
        }
        this.lastError = error;
        this.claimedBy = null;
        this.claimedUntil = null;
        if (nextAttempt == null) {
            this.status = Status.FAILED;
        } else {
            this.nextAttemptAt = nextAttempt;
        }
    }

    void resend(Instant now) {
        this.status = Status.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.claimedBy = null;
        this.claimedUntil = null;
    }

    public Long getId() { return id; }
    public EmailKind getKind() { return kind; }
    public String getRecipient() { return recipient; }
    public String getAddress() { return address; }
    public String getRequestReference() { return requestReference; }
    public String getTaskId() { return taskId; }
    public String getFactsJson() { return factsJson; }
    public String getSubject() { return subject; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getSentAt() { return sentAt; }
    public String getLastError() { return lastError; }
}
