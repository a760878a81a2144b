package org.steward.portal.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to throw away a connection whose database session has ended, which H2 reports in its own
 * words (90121 "database is already closed", 90067 "connection is broken") that the pool does not know; MySQL's
 * and MariaDB's broken connections it already recognises (SQL state 08...). Without it, a pool keeps handing out dead
 * connections after the database dropped them, and Steward does not recover until it restarts.
 */
public class EvictBrokenConnections implements SQLExceptionOverride {

    private static final int H2_DATABASE_CLOSED = 90121;
    private static final int H2_CONNECTION_BROKEN = 90067;

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (h2Broken(e)) {
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** Whether H2 says the connection's session has ended. */
    static boolean h2Broken(SQLException failure) {
        return failure.getErrorCode() == H2_DATABASE_CLOSED || failure.getErrorCode() == H2_CONNECTION_BROKEN;
    }
}
