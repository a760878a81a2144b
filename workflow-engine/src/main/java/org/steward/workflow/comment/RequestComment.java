package org.steward.workflow.comment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A comment posted on a request's thread; everyone who may see the request reads it. Never changed once posted. */
@Entity
@Table(name = "request_comment")
public class RequestComment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_reference", updatable = false)
    private String requestReference;
    @Column(updatable = false)
    private String author;
    @Column(updatable = false)
    private String body;
    @Column(name = "posted_at", updatable = false)
    private Instant postedAt;

    protected RequestComment() {
    }

    RequestComment(String requestReference, String author, String body, Instant postedAt) {
        this.requestReference = requestReference;
        this.author = author;
        this.body = body;
        this.postedAt = postedAt;
    }

    public Long getId() { return id; }
    public String getRequestReference() { return requestReference; }
    public String getAuthor() { return author; }
    public String getBody() { return body; }
    public Instant getPostedAt() { return postedAt; }
}
