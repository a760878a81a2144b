package org.steward.workflow.logs;

import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The request and the person a log line is about, kept in the logging context (MDC) of the thread doing the work:
 * every line logged meanwhile carries them, as fields of a JSON line or in brackets on a plain one. Whoever starts a
 * unit of work on a pooled thread (an HTTP call, an email) clears them when it ends; the engine sets the request
 * itself while it runs a request's process (see {@link EngineLogContext}).
 */
public final class LogContext {

    /** The reference of the request (DR-2026-0001) a line is about. */
    public static final String REQUEST = "steward.request";
    /** The user id of the person acting, or of the person an email goes to. */
    public static final String USER = "steward.user";

    private LogContext() {
    }

    /** Sets the request for the rest of this unit of work; nothing for an empty reference. */
    public static void request(String reference) {
        put(REQUEST, reference);
    }

    /** Sets the person for the rest of this unit of work; nothing for an empty user id. */
    public static void user(String userId) {
        put(USER, userId);
    }

    /** Ends a unit of work: its request and person do not follow the thread to the next one. */
    public static void clear() {
        MDC.remove(REQUEST);
        MDC.remove(USER);
    }

    /**
     * Sets the request and the person (either may be null: left as they are) until the scope closes, then puts back
     * what was there before, so that a scope inside an HTTP call leaves the call's own context intact.
     */
    public static Scope about(String reference, String userId) {
        Scope scope = new Scope(MDC.get(REQUEST), MDC.get(USER));
        request(reference);
        user(userId);
        return scope;
    }

    /**
     * Logs a line about a change once its transaction has committed (at once without one), with the request and the
     * person in its context: a change rolled back (a decision that lost a race) leaves no line saying it happened.
     */
    public static void afterCommit(String reference, String userId, Runnable line) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            try (Scope about = about(reference, userId)) {
                line.run();
            }
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try (Scope about = about(reference, userId)) {
                    line.run();
                }
            }
        });
    }

    private static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    /** Puts back the request and the person that were set before {@link #about}. */
    public static final class Scope implements AutoCloseable {

        private final String request;
        private final String user;

        private Scope(String request, String user) {
            this.request = request;
            this.user = user;
        }

        @Override
        public void close() {
            restore(REQUEST, request);
            restore(USER, user);
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
