package org.steward.portal.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.steward.notifications.outbox.EmailSettled;
import org.steward.workflow.task.DecisionRecorded;

/**
 * Steward's counters, counted by the node where it happened once its transaction committed: decisions by step and
 * outcome, emails sent, tries to send that failed, logins refused. Prometheus adds the nodes up ({@code sum}).
 */
@Component
class StewardCounters {

    private final MeterRegistry registry;
    private final Counter emailsSent;
    private final Counter triesFailed;

    StewardCounters(MeterRegistry registry) {
        this.registry = registry;
        this.emailsSent = Counter.builder("steward.emails.sent").description("Emails handed to the mail server "
                + "(and/or the in-app mailbox) by this node").register(registry);
        this.triesFailed = Counter.builder("steward.emails.tries.failed").description("Tries to send an email that "
                + "failed on this node; an email with tries left is tried again later").register(registry);
        loginsFailed("wrong-name-or-password");
        loginsFailed("held-back");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void decided(DecisionRecorded decision) {
        Counter.builder("steward.decisions").description("Decisions taken, by step and outcome")
                .tag("step", decision.step()).tag("outcome", decision.outcome()).register(registry).increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void emailSettled(EmailSettled email) {
        if (email.sent()) {
            emailsSent.increment();
            return;
        }
        triesFailed.increment();
    }

    @EventListener
    void loginRefused(AbstractAuthenticationFailureEvent refusal) {
        loginsFailed(refusal.getException() instanceof LockedException ? "held-back"
                : refusal.getException() instanceof BadCredentialsException ? "wrong-name-or-password" : "other")
                .increment();
    }

    private Counter loginsFailed(String reason) {
        return Counter.builder("steward.logins.failed").description("Logins refused: a wrong user name or password, "
                + "or tries held back after repeated failures").tag("reason", reason).register(registry);
    }
}
