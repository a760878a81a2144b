package org.steward.portal.admin;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * What every admin page shares: only admins (the groups of {@link PeopleService#ADMIN_GROUPS}) get in, checked
 * before any handler reads or binds anything; everyone else gets the 403 page ({@link
 * org.steward.portal.system.PageProblems}, as every refusal on a page).
 */
@ControllerAdvice(basePackageClasses = AdminPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPages {

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
}
