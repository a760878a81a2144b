package org.steward.portal.admin;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.portal.signin.OidcSettings;
import org.steward.workflow.directory.DirectoryService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/** Which Steward groups the city directory's groups give at sign-in: the mapping admins edit. */
@Controller
@RequestMapping("/admin/directory-groups")
class DirectoryGroupsAdminController {

    static final String PAGE = "admin/directory-groups";
    private static final List<String> FIELDS = List.of("directoryGroup", "stewardGroup");

    private final DirectoryService directory;
    private final PeopleService people;
    private final OidcSettings settings;

    DirectoryGroupsAdminController(DirectoryService directory, PeopleService people, OidcSettings settings) {
        this.directory = directory;
        this.people = people;
        this.settings = settings;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("form", new GroupMappingForm());
        return show(model);
    }

    @PostMapping
    String map(@ModelAttribute("form") GroupMappingForm form, BindingResult errors,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model, RedirectAttributes redirect) {
        try {
            directory.map(admin, form.getDirectoryGroup(), form.getStewardGroup());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            return show(model);
        }
        redirect.addFlashAttribute("notice", "Members of " + form.getDirectoryGroup().strip() + " are put in "
                + form.getStewardGroup().strip() + " from their next sign-in.");
        return "redirect:/admin/directory-groups";
    }

    @PostMapping("/remove")
    String unmap(@ModelAttribute("form") GroupMappingForm form,
            @ModelAttribute(name = "admin", binding = false) Person admin, RedirectAttributes redirect) {
        directory.unmap(admin, form.getDirectoryGroup(), form.getStewardGroup());
        redirect.addFlashAttribute("notice", "Members of " + form.getDirectoryGroup() + " are no longer put in "
                + form.getStewardGroup() + "; they leave it at their next sign-in.");
        return "redirect:/admin/directory-groups";
    }

    private String show(Model model) {
        model.addAttribute("mappings", directory.mappings());
        model.addAttribute("groups", people.groups());
        model.addAttribute("settings", settings);
        return PAGE;
    }
}
