package org.steward.workflow.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A request its owner has started and not submitted: the form's content as JSON, seen by nobody else. */
@Entity
@Table(name = "request_draft")
class RequestDraft {

    static final int TITLE_LENGTH = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String owner;
    private String title;
    @Column(name = "content_json")
    private String contentJson;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected RequestDraft() {
    }

    RequestDraft(String owner, Instant now) {
        this.owner = owner;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void keep(String title, String contentJson, Instant now) {
        this.title = title == null || title.isBlank() ? null
                : title.length() <= TITLE_LENGTH ? title : title.substring(0, TITLE_LENGTH - 3) + "...";
        this.contentJson = contentJson;
        this.updatedAt = now;
    }

    Long getId() { return id; }
    String getOwner() { return owner; }
    String getTitle() { return title; }
    String getContentJson() { return contentJson; }
    Instant getCreatedAt() { return createdAt; }
    Instant getUpdatedAt() { return updatedAt; }
}
