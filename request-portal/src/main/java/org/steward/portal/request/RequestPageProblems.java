package org.steward.portal.request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on the request pages, as pages (the API's problem details are for the API): what a person may not see
 * answers the very page of anything that does not exist; an action that is not theirs, or not possible now, says why.
 */
@ControllerAdvice(assignableTypes = {RequestFormController.class, RequestReviseController.class,
    RequestListController.class, RequestAttachmentController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestPageProblems {

    static final String VIEW = "requests/problem";
    static final String NOT_FOUND_VIEW = "error/404";
    static final String ERROR_VIEW = "error/error";

    private static final Logger log = LoggerFactory.getLogger(RequestPageProblems.class);

    @ExceptionHandler(StewardProblem.class)
    ModelAndView problem(StewardProblem problem) {
        return switch (problem.kind()) {
            case NOT_FOUND -> new ModelAndView(NOT_FOUND_VIEW, HttpStatus.NOT_FOUND);
            case FORBIDDEN -> page(HttpStatus.FORBIDDEN, "Not yours to do", problem.getMessage());
            case CONFLICT -> page(HttpStatus.CONFLICT, "This cannot be done now", problem.getMessage());
            case INVALID -> page(HttpStatus.BAD_REQUEST, "Something is not right",
                    String.join(" ", problem.fieldErrors().isEmpty() ? java.util.List.of(problem.getMessage())
                            : problem.fieldErrors().values()));
            case MISCONFIGURED -> page(HttpStatus.INTERNAL_SERVER_ERROR, "Steward is not set up for this",
                    problem.getMessage());
        };
    }

    /** Anything unforeseen: the transaction rolled back, so the page says nothing was saved. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException failure) {
        log.error("Unexpected failure on a request page", failure);
        return new ModelAndView(ERROR_VIEW, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView page(HttpStatus status, String heading, String detail) {
        ModelAndView view = new ModelAndView(VIEW, status);
        view.addObject("heading", heading);
        view.addObject("detail", detail);
        return view;
    }
}
