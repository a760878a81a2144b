package org.steward.notifications.outbox;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.notifications.MailSettings;
import org.steward.notifications.SiteSettings;
import org.steward.workflow.logs.LogContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox after commit: claims each due email for this node (so no two nodes send one email), writes it,
 * hands it to SMTP and/or the in-app mailbox outside any transaction, and records the outcome; a failure waits
 * for its next try (see {@link MailSettings#retryDelays()}) until the last, then the email is failed for admins.
 */
@Component
public class EmailSender {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"']+@[^\\s<>()\\[\\],;:\"']+");
    private static final Pattern QUOTED_BY_THE_MAIL_LIBRARY = Pattern.compile("``.*''");

    private final EmailOutbox outbox;
    private final EmailWriter writer;
    private final List<MailTransport> transports = new ArrayList<>();
    private final String node;

    public EmailSender(EmailOutbox outbox, EmailWriter writer, ObjectProvider<JavaMailSender> smtp,
            List<MailTransport> inApp, MailSettings settings, SiteSettings site) {
        this.outbox = outbox;
        this.writer = writer;
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            transports.add(new SmtpTransport(sender, settings));
        }
        if (settings.mailboxOn(sender != null, site.demoData())) {
            transports.addAll(inApp);
        }
        if (transports.isEmpty()) {
            LOG.warn("Emails are not sent: no mail server is set (spring.mail.host) and the in-app mailbox is off "
                    + "(steward.mail.mailbox=true turns it on). They wait in the outbox until one of them is set.");
        }
        this.node = nodeName();
    }

    /**
     * Sends every email due now, batch after batch; answers how many went out. With nowhere to send them, none is
     * taken: they wait in the outbox, unwritten (so no link is made), until a mail server or the mailbox is set.
     */
    @Scheduled(fixedDelayString = "${steward.mail.poll-millis:1000}")
    public int sendDue() {
        if (transports.isEmpty()) {
            return 0;
        }
        int sent = 0;
        while (true) {
            List<Long> due = outbox.due();
            if (due.isEmpty()) {
                return sent;
            }
            // Emails another node claimed first are no longer due: the next look finds what is left.
            List<Long> claimed = due.stream().filter(id -> outbox.claim(id, node)).toList();
            if (!claimed.isEmpty()) {
                sent += send(claimed);
            }
        }
    }

    /** Whether SMTP or the in-app mailbox (or both, or neither) take the emails. */
    public List<String> transports() {
        return transports.stream().map(t -> t instanceof SmtpTransport ? "smtp" : "mailbox").toList();
    }

    /** Writes the claimed emails and hands them over together; answers how many went out. */
    private int send(List<Long> ids) {
        Map<Long, OutboxEmail> rows = new LinkedHashMap<>();
        List<OutgoingEmail> ready = new ArrayList<>();
        for (Long id : ids) {
            OutboxEmail email = outbox.find(id).orElse(null);
            if (email == null) {
                continue;
            }
            EmailWriter.Written written;
            try (LogContext.Scope about = inLogContext(email)) {
                written = writer.write(email);
            } catch (RuntimeException failure) {
                try (LogContext.Scope about = inLogContext(email)) {
                    LOG.warn("Email {} could not be written", id, failure);
                }
                writer.unsent(id);
                outbox.failed(id, null, "The email could not be written: " + failure);
                continue;
            }
            if (written.skipped() != null) {
                outbox.skipped(id, written.skipped());
                continue;
            }
            rows.put(id, email);
            ready.add(written.email());
        }
        // An email went out when every transport took it; one that the first refused is not offered to the next.
        Map<Long, Exception> failed = new LinkedHashMap<>();
        for (MailTransport transport : transports) {
            List<OutgoingEmail> left = ready.stream().filter(e -> !failed.containsKey(e.emailId())).toList();
            if (!left.isEmpty()) {
                failed.putAll(transport.deliverAll(left));
            }
        }
        int sent = 0;
        for (OutgoingEmail email : ready) {
            Exception failure = failed.get(email.emailId());
            OutboxEmail row = rows.get(email.emailId());
            try (LogContext.Scope about = inLogContext(row)) {
                if (failure == null) {
                    outbox.sent(email.emailId(), email.subject());
                    LOG.info("Sent email {} ({})", row.getId(), row.getKind());
                    sent++;
                } else {
                    // The log names the recipient by user id (in its context), never by address: the mail server's
                    // answer often repeats the address, so it is left out of the line too.
                    LOG.warn("Email {} ({}) not sent (try {}): {}", row.getId(), row.getKind(), row.getAttempts(),
                            withoutAddresses(failure.toString()));
                    writer.unsent(row.getId());
                    outbox.failed(row.getId(), email.subject(), describe(failure));
                }
            }
        }
        return sent;
    }

    /** The lines logged about an email name its request and its recipient's user id. */
    private static LogContext.Scope inLogContext(OutboxEmail email) {
        return LogContext.about(email.getRequestReference(), email.getRecipient());
    }

    static String withoutAddresses(String text) {
        // An address the mail library cannot read is quoted whole (``anna.schmidt@[city.org''), typo and all: that
        // quote goes, whatever characters in it the pattern of an address would stop at.
        return EMAIL_ADDRESS.matcher(QUOTED_BY_THE_MAIL_LIBRARY.matcher(text).replaceAll("``<address>''"))
                .replaceAll("<address>");
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 900; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "node";
        }
        String name = host + "-" + UUID.randomUUID();
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
