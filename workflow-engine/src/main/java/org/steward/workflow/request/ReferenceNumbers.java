package org.steward.workflow.request;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Hands out references like DR-2026-0001: one counter row per prefix and year, locked while in use. */
@Component
public class ReferenceNumbers {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReferenceNumbers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The next reference; part of the caller's transaction, so a rollback gives the number back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(String prefix) {
        int year = ZonedDateTime.now(clock).getYear();
        List<Integer> current = jdbc.queryForList(
                "SELECT last_value FROM reference_counter WHERE prefix = ? AND year_value = ? FOR UPDATE",
                Integer.class, prefix, year);
        int next;
        if (current.isEmpty()) {
            try {
                jdbc.update("INSERT INTO reference_counter (prefix, year_value, last_value) VALUES (?, ?, 1)",
                        prefix, year);
                next = 1;
            } catch (DuplicateKeyException someoneElseStartedTheYear) {
                return next(prefix);
            }
        } else {
            next = current.get(0) + 1;
            jdbc.update("UPDATE reference_counter SET last_value = ? WHERE prefix = ? AND year_value = ?",
                    next, prefix, year);
        }
        return String.format("%s-%d-%04d", prefix, year, next);
    }
}
