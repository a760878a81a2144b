package org.steward.workflow.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group or a person that is on a request (a reviewer, a custodian, a signatory) and so may see it. */
@Entity
@Table(name = "request_participant")
public class RequestParticipant {

    /** Whether the name is a group id or a user id. */
    public enum Kind { GROUP, USER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id")
    private Long requestId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String name;

    protected RequestParticipant() {
    }

    RequestParticipant(Long requestId, Kind kind, String name) {
        this.requestId = requestId;
        this.kind = kind;
        this.name = name;
    }

    public Kind getKind() { return kind; }
    public String getName() { return name; }
}
