package org.steward.workflow.request;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out references like DR-2026-0001: one counter row per prefix and year, locked while in use. The first
 * reference of a year creates the row in a short transaction of its own, then locks it like every other: two
 * submissions that both try to create it then never deadlock (MySQL keeps a shared lock on the row a failed insert
 * ran into, until the end of that transaction).
 */
@Component
public class ReferenceNumbers {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    ReferenceNumbers(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next reference; part of the caller's transaction, so a rollback gives the number back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(String prefix) {
        int year = ZonedDateTime.now(clock).getYear();
        List<Integer> current = lock(prefix, year);
        if (current.isEmpty()) {
            startTheYear(prefix, year);
            current = lock(prefix, year);
        }
        int next = current.get(0) + 1;
        jdbc.update("UPDATE reference_counter SET last_value = ? WHERE prefix = ? AND year_value = ?",
                next, prefix, year);
        return String.format("%s-%d-%04d", prefix, year, next);
    }

    private List<Integer> lock(String prefix, int year) {
        return jdbc.queryForList(
                "SELECT last_value FROM reference_counter WHERE prefix = ? AND year_value = ? FOR UPDATE",
                Integer.class, prefix, year);
    }

    /** Creates the year's counter at 0 and commits at once; if someone else just did, theirs serves. */
    private void startTheYear(String prefix, int year) {
        ownTransaction.executeWithoutResult(status -> {
            try {
                jdbc.update("INSERT INTO reference_counter (prefix, year_value, last_value) VALUES (?, ?, 0)",
                        prefix, year);
            } catch (DuplicateKeyException someoneElseStartedTheYear) {
                // the row exists, which is all this needs
            }
        });
    }
}
