package org.steward.workflow.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One thing that changed a request, an agreement, a model, the catalogue or a person; rows are only ever added. The
 * structured detail is stored as JSON ({@code detail_data}, read with {@link AuditTrail#detail}); {@code detail} keeps
 * the same in plain words for people.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_reference", updatable = false)
    private String requestReference;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private AuditEventType type;
    @Column(updatable = false)
    private String actor;
    @Column(updatable = false)
    private String channel;
    @Column(name = "client_address", updatable = false)
    private String clientAddress;
    @Column(updatable = false)
    private String detail;
    @Column(name = "detail_data", updatable = false)
    private String detailData;
    @Column(name = "task_id", updatable = false)
    private String taskId;
    @Column(name = "occurred_at", updatable = false)
    private Instant occurredAt;

    protected AuditEvent() {
    }

    AuditEvent(String requestReference, AuditEventType type, String actor, String channel, String clientAddress,
            String detail, String detailData, String taskId, Instant occurredAt) {
        this.taskId = taskId;
        this.requestReference = requestReference;
        this.type = type;
        this.actor = actor;
        this.channel = channel;
        this.clientAddress = clientAddress;
        this.detail = detail;
        this.detailData = detailData;
        this.occurredAt = occurredAt;
    }

    public Long getId() { return id; }
    public String getRequestReference() { return requestReference; }
    /** The type's stored name, such as {@code REVISED}. */
    public String getType() { return type.name(); }
    public AuditEventType getEventType() { return type; }
    public String getActor() { return actor; }
    /** How the change came: web, email, api, modeler or system. */
    public String getChannel() { return channel; }
    /** The address of the client the change came from, when it came over HTTP. */
    public String getClientAddress() { return clientAddress; }
    /** The detail in plain words. */
    public String getDetail() { return detail; }
    /** The structured detail as JSON; read it with {@link AuditTrail#detail}. */
    public String getDetailData() { return detailData; }
    public String getTaskId() { return taskId; }
    public Instant getOccurredAt() { return occurredAt; }
}
