package org.steward.notifications.mailbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An email as the in-app mailbox received it. */
@Entity
@Table(name = "mailbox_message")
public class MailboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long emailId;
    private String recipient;
    private String address;
    private String subject;
    private String bodyText;
    private String bodyHtml;
    private Instant sentAt;

    protected MailboxMessage() {
    }

    MailboxMessage(Long emailId, String recipient, String address, String subject, String bodyText, String bodyHtml,
            Instant sentAt) {
        this.emailId = emailId;
        this.recipient = recipient;
        this.address = address;
        this.subject = subject;
        this.bodyText = bodyText;
        this.bodyHtml = bodyHtml;
        this.sentAt = sentAt;
    }

    public Long getId() { return id; }
    public Long getEmailId() { return emailId; }
    public String getRecipient() { return recipient; }
    public String getAddress() { return address; }
    public String getSubject() { return subject; }
    public String getBodyText() { return bodyText; }
    public String getBodyHtml() { return bodyHtml; }
    public Instant getSentAt() { return sentAt; }
}
