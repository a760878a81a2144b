package org.steward.notifications.preference;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A status email one person turned off. */
@Entity
@Table(name = "email_opt_out")
@IdClass(EmailOptOut.Key.class)
class EmailOptOut {

    /** The row's key: the person and the topic. */
    record Key(String personId, StatusTopic topic) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    private String personId;
    @Id
    @Enumerated(EnumType.STRING)
    private StatusTopic topic;

    protected EmailOptOut() {
    }

    EmailOptOut(String personId, StatusTopic topic) {
        this.personId = personId;
        this.topic = topic;
    }

    StatusTopic getTopic() { return topic; }
}
