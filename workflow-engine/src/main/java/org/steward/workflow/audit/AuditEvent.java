package org.steward.workflow.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One thing that changed a request or an agreement; rows are only ever added. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_reference", updatable = false)
    private String requestReference;
    @Column(updatable = false)
    private String type;
    @Column(updatable = false)
    private String actor;
    @Column(updatable = false)
    private String channel;
    @Column(updatable = false)
    private String detail;
    @Column(name = "task_id", updatable = false)
    private String taskId;
    @Column(name = "occurred_at", updatable = false)
    private Instant occurredAt;

    protected AuditEvent() {
    }

    AuditEvent(String requestReference, String type, String actor, String channel, String detail, String taskId,
            Instant occurredAt) {
        this.taskId = taskId;
        this.requestReference = requestReference;
        this.type = type;
        this.actor = actor;
        this.channel = channel;
        this.detail = detail;
        this.occurredAt = occurredAt;
    }

    public Long getId() { return id; }
    public String getRequestReference() { return requestReference; }
    public String getType() { return type; }
    public String getActor() { return actor; }
    public String getChannel() { return channel; }
    public String getDetail() { return detail; }
    public String getTaskId() { return taskId; }
    public Instant getOccurredAt() { return occurredAt; }
}
