package org.steward.portal.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/**
 * What every admin page shares: only admins (the groups of {@link PeopleService#ADMIN_GROUPS}) get in, checked
 * before any handler reads or binds anything; everyone else gets the 403 page. Refusals and failures answer as pages,
 * not as the API's problem details.
 */
@ControllerAdvice(basePackageClasses = AdminPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPages {

    static final String FORBIDDEN = "error/403";
    static final String NOT_FOUND = "error/404";
    static final String FAILED = "error/error";

    private static final Logger log = LoggerFactory.getLogger(AdminPages.class);

    private final CurrentPerson currentPerson;

    AdminPages(CurrentPerson currentPerson) {
        this.currentPerson = currentPerson;
    }

    /** The admin acting, for every admin page and form; anyone else is refused here (403). */
    @ModelAttribute("admin")
    Person admin(Authentication authentication) {
        Person person = currentPerson.of(authentication);
        PeopleService.requireAdmin(person);
        return person;
    }

    /** Anything unforeseen (say, two admins adding the same code at once): the page says nothing was saved. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException failure) {
        log.error("Unexpected failure on an admin page", failure);
        return new ModelAndView(FAILED, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @ExceptionHandler(StewardProblem.class)
    ModelAndView refused(StewardProblem problem) {
        return switch (problem.kind()) {
            case FORBIDDEN -> new ModelAndView(FORBIDDEN, HttpStatus.FORBIDDEN);
            case NOT_FOUND -> new ModelAndView(NOT_FOUND, HttpStatus.NOT_FOUND);
            case INVALID -> new ModelAndView(FAILED, HttpStatus.BAD_REQUEST);
            case CONFLICT -> new ModelAndView(FAILED, HttpStatus.CONFLICT);
            case MISCONFIGURED -> new ModelAndView(FAILED, HttpStatus.INTERNAL_SERVER_ERROR);
        };
    }
}
