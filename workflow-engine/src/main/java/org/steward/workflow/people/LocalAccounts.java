package org.steward.workflow.people;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who set each password, and whether its person must choose their own at the next login (after an admin set it).
 * The engine keeps the password itself; this table keeps what the engine has no column for.
 */
@Component
class LocalAccounts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LocalAccounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean mustChangePassword(String userId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT must_change_password FROM local_account WHERE user_id = ?",
                row -> row.next() ? row.getBoolean(1) : null, userId));
    }

    /** Everyone who must change the password an admin set: one query for a list. */
    Set<String> mustChangePasswords() {
        return new HashSet<>(jdbc.queryForList("SELECT user_id FROM local_account WHERE must_change_password = ?",
                String.class, true));
    }

    /** An admin set the password: its person must choose their own at the next login. */
    void setByAdmin(String userId, String adminId) {
        write(userId, true, adminId);
    }

    /** The person chose their own password. */
    void setByThemselves(String userId) {
        write(userId, false, userId);
    }

    private void write(String userId, boolean mustChange, String setBy) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE local_account SET must_change_password = ?, password_set_at = ?,"
                + " password_set_by = ? WHERE user_id = ?", mustChange, now, setBy, userId);
        if (updated == 0) {
            jdbc.update("INSERT INTO local_account (user_id, must_change_password, password_set_at, password_set_by)"
                    + " VALUES (?, ?, ?, ?)", userId, mustChange, now, setBy);
        }
    }
}
