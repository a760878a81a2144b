package org.steward.portal.admin;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/** The admin overview: what there is to manage, failed emails, and the way to Camunda Cockpit. */
@Controller
class AdminController {

    static final String OVERVIEW = "admin/index";
    static final String COCKPIT = "/camunda/app/cockpit/default/";

    private final CatalogService catalog;
    private final PeopleService people;
    private final EmailOutbox outbox;

    AdminController(CatalogService catalog, PeopleService people, EmailOutbox outbox) {
        this.catalog = catalog;
        this.people = people;
        this.outbox = outbox;
    }

    @GetMapping("/admin")
    String overview(@ModelAttribute(name = "admin", binding = false) Person admin, Model model) {
        List<PeopleService.Account> everyone = people.people();
        model.addAttribute("departmentCount", catalog.departments().size());
        model.addAttribute("datasetCount", catalog.datasets().size());
        model.addAttribute("peopleCount", everyone.size());
        model.addAttribute("heldBack", everyone.stream().filter(PeopleService.Account::heldBack).toList());
        model.addAttribute("failedEmails", outbox.count(OutboxEmail.Status.FAILED));
        model.addAttribute("cockpit", COCKPIT);
        model.addAttribute("cockpitAllowed", admin.inGroup("camunda-admin"));
        return OVERVIEW;
    }
}
