package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A failure that no controller answered (one in a filter, such as checking a password while the database is away)
 * gets the same plain answer as one a controller answered: a problem or a page saying nothing was saved, 503 when the
 * database did not answer, and the cause in the log; never the server's bare error page or JSON.
 */
@Component
class UnforeseenFailures extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnforeseenFailures.class);

    private final PlainAnswers answers;

    UnforeseenFailures(PlainAnswers answers) {
        this.answers = answers;
    }

    @Override
    public int getOrder() {
        // Around the database sessions too: a session that cannot be read or saved is a database away, not a 500.
        return SessionRepositoryFilter.DEFAULT_ORDER - 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            response.resetBuffer();
            if (DatabaseAway.causedBy(failure)) {
                DatabaseAway.log(request, failure);
                DatabaseAway.write(request, response, answers);
                return;
            }
            log.error("Unexpected failure on {} {}", request.getMethod(), Paths.forLog(request.getRequestURI()),
                    failure);
            if (databaseFailed(failure)) {
                answers.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Try again in a minute",
                        "Steward's database did not answer, so nothing was saved. Try again in a minute; if it"
                                + " goes on, tell an admin the time it happened.");
            } else {
                answers.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error",
                        "Something went wrong on our side and nothing was saved. Try again; if it happens again,"
                                + " tell an admin the time it happened.");
            }
        }
    }

    private static boolean databaseFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }
}
