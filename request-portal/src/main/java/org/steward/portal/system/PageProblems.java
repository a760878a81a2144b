package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.steward.workflow.problem.StewardProblem;

/**
 * Answers every page's refusal as a page, with the status the API gives the same problem ({@link
 * ApiProblems#statusOf}): what the person may not see is the 404 page, a refusal the 403 page, a conflict or bad input
 * a page that says why. Pages that show their form again with the errors beside the fields catch the problem
 * themselves; this is for everything else. {@link ApiProblems} comes first for the API's controllers.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageProblems {

    /** The page for a refusal that says why: {@code heading} and {@code detail}. */
    public static final String PROBLEM_VIEW = "error/problem";
    static final String FORBIDDEN_VIEW = "error/403";
    static final String NOT_FOUND_VIEW = "error/404";
    static final String FAILED_VIEW = "error/error";

    private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

    @ExceptionHandler(StewardProblem.class)
    ModelAndView refused(StewardProblem problem) {
        HttpStatus status = ApiProblems.statusOf(problem);
        return switch (problem.kind()) {
            case NOT_FOUND -> new ModelAndView(NOT_FOUND_VIEW, status);
            case FORBIDDEN -> {
                ModelAndView view = new ModelAndView(FORBIDDEN_VIEW, status);
                view.addObject("message", problem.getMessage());
                yield view;
            }
            case CONFLICT -> page(status, "This cannot be done now", problem.getMessage());
            case INVALID -> page(status, "Something is not right", String.join(" ",
                    problem.fieldErrors().isEmpty() ? List.of(problem.getMessage()) : problem.fieldErrors().values()));
            case MISCONFIGURED -> {
                log.warn("Refused because of how Steward is set up: {}", problem.getMessage());
                yield page(status, "Steward is not set up for this", problem.getMessage());
            }
        };
    }

    /**
     * Anything unforeseen: the transaction rolled back, so the page says nothing was saved, and the log keeps the
     * cause; a database out of reach is a 503 that says so. What carries its own answer (a status, a login to ask for) is left to Spring to answer.
     */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException failure, HttpServletRequest request) {
        if (failure instanceof ErrorResponse || failure instanceof AccessDeniedException
                || failure instanceof AuthenticationException) {
            throw failure;
        }
        if (DatabaseAway.causedBy(failure)) {
            DatabaseAway.log(request, failure);
            return DatabaseAway.page();
        }
        log.error("Unexpected failure on a page", failure);
        return new ModelAndView(FAILED_VIEW, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** A page that names the problem in its heading and says why underneath, with the given status. */
    public static ModelAndView page(HttpStatus status, String heading, String detail) {
        ModelAndView view = new ModelAndView(PROBLEM_VIEW, status);
        view.addObject("heading", heading);
        view.addObject("detail", detail);
        return view;
    }
}
