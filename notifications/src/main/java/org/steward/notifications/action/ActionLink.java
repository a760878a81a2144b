package org.steward.notifications.action;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A link in a task email: the hash of its token, the one task, person and decision it is for, and its fate. */
@Entity
@Table(name = "action_link")
public class ActionLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String tokenHash;
    private Long emailId;
    private String taskId;
    private String personId;
    private String decision;
    private String requestReference;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant voidedAt;
    private String voidReason;

    protected ActionLink() {
    }

    ActionLink(String tokenHash, Long emailId, String taskId, String personId, String decision,
            String requestReference, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.emailId = emailId;
        this.taskId = taskId;
        this.personId = personId;
        this.decision = decision;
        this.requestReference = requestReference;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() { return id; }
    public Long getEmailId() { return emailId; }
    public String getTaskId() { return taskId; }
    public String getPersonId() { return personId; }
    public String getDecision() { return decision; }
    public String getRequestReference() { return requestReference; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getUsedAt() { return usedAt; }
    public Instant getVoidedAt() { return voidedAt; }
    public String getVoidReason() { return voidReason; }
}
