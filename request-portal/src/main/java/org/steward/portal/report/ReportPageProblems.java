package org.steward.portal.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.steward.workflow.problem.StewardProblem;

/**
 * Refusals on the report and audit trail pages and their CSV downloads, as pages: the forbidden page, or what to
 * change and why.
 */
@ControllerAdvice(assignableTypes = {ReportPageController.class, AuditPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReportPageProblems {

    private static final Logger log = LoggerFactory.getLogger(ReportPageProblems.class);

    @ExceptionHandler(StewardProblem.class)
    ModelAndView refused(StewardProblem problem) {
        return switch (problem.kind()) {
            case FORBIDDEN -> new ModelAndView("error/403", HttpStatus.FORBIDDEN);
            case NOT_FOUND -> new ModelAndView("error/404", HttpStatus.NOT_FOUND);
            case INVALID -> page(HttpStatus.BAD_REQUEST, "Check the period", String.join(" ",
                    problem.fieldErrors().isEmpty() ? java.util.List.of(problem.getMessage())
                            : problem.fieldErrors().values()));
            case CONFLICT, MISCONFIGURED -> page(HttpStatus.INTERNAL_SERVER_ERROR, "The report cannot be drawn up",
                    problem.getMessage());
        };
    }

    /** Anything unforeseen: the page says so, and the log keeps the cause. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException failure) {
        log.error("Unexpected failure on the report page", failure);
        return new ModelAndView("error/error", HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView page(HttpStatus status, String heading, String detail) {
        ModelAndView view = new ModelAndView("reports/problem", status);
        view.addObject("heading", heading);
        view.addObject("detail", detail);
        return view;
    }
}
