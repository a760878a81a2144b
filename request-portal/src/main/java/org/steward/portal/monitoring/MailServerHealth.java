package org.steward.portal.monitoring;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.steward.notifications.outbox.EmailSender;

/**
 * Whether emails can go out: the mail server of {@code spring.mail.host} answers, or the in-app mailbox takes them.
 * A mail server that does not answer is OUT_OF_SERVICE, not DOWN: people keep working and no email is lost, it waits
 * in the outbox. The server is asked at most once a minute, however often the proxy checks readiness.
 */
@Component("mailServerHealthIndicator")
class MailServerHealth implements HealthIndicator {

    private static final Duration ASK_EVERY = Duration.ofMinutes(1);

    private final EmailSender sender;
    private final JavaMailSenderImpl server;
    private Health lastAnswer;
    private long lastAskedNanos;

    MailServerHealth(EmailSender sender, ObjectProvider<JavaMailSender> mail) {
        this.sender = sender;
        this.server = mail.getIfAvailable() instanceof JavaMailSenderImpl impl ? impl : null;
    }

    @Override
    public synchronized Health health() {
        boolean smtp = sender.transports().contains("smtp");
        boolean mailbox = sender.transports().contains("mailbox");
        if (!smtp) {
            return mailbox ? Health.up().withDetail("message", "No mail server is set (spring.mail.host): emails go to "
                    + "the in-app mailbox at /dev/mailbox.").build()
                    : Health.outOfService().withDetail("message", "Emails are not sent: no mail server is set "
                            + "(spring.mail.host) and the in-app mailbox is off (steward.mail.mailbox). They wait in "
                            + "the outbox.").build();
        }
        if (lastAnswer == null || System.nanoTime() - lastAskedNanos > ASK_EVERY.toNanos()) {
            lastAnswer = ask(mailbox);
            lastAskedNanos = System.nanoTime();
        }
        return lastAnswer;
    }

    private Health ask(boolean mailbox) {
        String where = server == null ? "the mail server" : "the mail server at " + server.getHost() + ":"
                + (server.getPort() < 0 ? 25 : server.getPort());
        if (server == null) {
            return Health.up().withDetail("message", "Emails go out through the application's own mail sender.")
                    .build();
        }
        try {
            server.testConnection();
            return Health.up().withDetail("message", "Emails go out through " + where
                    + (mailbox ? ", and a copy to the in-app mailbox." : ", which answers.")).build();
        } catch (Exception failure) {
            return Health.outOfService().withDetail("message", "Emails are not going out: " + where
                    + " does not answer or refuses the login (" + failure.getMessage() + "). They wait in the outbox "
                    + "and are tried again. Check spring.mail.host, spring.mail.port, spring.mail.username and "
                    + "spring.mail.password, and that the mail server runs.").build();
        }
    }
}
