package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The database could not be reached (no connection to be had, or the one in use broke): every page and call answers
 * 503 in the same plain words, which say that nothing was saved, since the transaction did not commit. Pages are
 * written without a template, as the page layout itself reads the database. The node needs no restart: the pool makes
 * new connections once the database answers again.
 */
final class DatabaseAway {

    static final String TITLE = "Steward cannot reach its database";
    static final String DETAIL = "Steward cannot reach its database right now, so it could not do what you asked and "
            + "nothing you sent was saved. Please try again in a few minutes; if it goes on, tell your IT team the "
            + "time it happened.";
    /** A client may ask again after this many seconds: about as long as a database restart takes. */
    static final String RETRY_AFTER_SECONDS = "60";

    private static final Logger log = LoggerFactory.getLogger(DatabaseAway.class);

    private DatabaseAway() {
    }

    /**
     * Whether the failure comes from a database out of reach: a connection the pool could not make or hand out in
     * time, or one that broke (SQL state class 08, H2's own codes), however the engine, JPA or Spring wrapped it.
     */
    static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 50; t = t.getCause(), depth++) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if ((state != null && state.startsWith("08")) || EvictBrokenConnections.h2Broken(e)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One line in the log, without the stack trace that every request would repeat while the database is away. */
    static void log(HttpServletRequest request, Throwable failure) {
        log.error("Cannot reach the database, answered 503 to {} {}: {}", request.getMethod(),
                Paths.forLog(request.getRequestURI()), reason(failure));
    }

    /** The innermost cause's first line: what the driver or the network said. */
    static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            deepest = t;
        }
        return deepest.toString().lines().findFirst().orElse("");
    }

    /** The API's problem. */
    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
        problem.setTitle(TITLE);
        return problem;
    }

    /** The page, for a page's controller to answer with. */
    static ModelAndView page() {
        View view = (model, request, response) -> {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            PlainAnswers.page(request, response, HttpStatus.SERVICE_UNAVAILABLE, TITLE, DETAIL);
        };
        ModelAndView page = new ModelAndView(view);
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }

    /** The page or the problem, as the address says, written straight into the response. */
    static void write(HttpServletRequest request, HttpServletResponse response, PlainAnswers answers)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        answers.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, TITLE, DETAIL);
    }
}
