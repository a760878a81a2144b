package org.steward.portal.admin;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.portal.account.SignedInSessions;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.PeopleService.Account;
import org.steward.workflow.people.PeopleService.GroupEntry;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/**
 * People: the list with their groups and held-back logins, a new person, one person's groups, unlocking, and a
 * temporary password.
 */
@Controller
@RequestMapping("/admin/people")
class PeopleAdminController {

    static final String LIST = "admin/people";
    static final String FORM = "admin/person-form";
    static final String PERSON = "admin/person";

    /** The form's fields in the order it shows them. */
    static final List<String> PERSON_FIELDS = List.of("userId", "firstName", "lastName", "email", "password");

    static final List<String> MEMBERSHIP_FIELDS = List.of("group", "newGroup", "newGroupName");

    private final PeopleService people;
    private final SignedInSessions sessions;

    PeopleAdminController(PeopleService people, SignedInSessions sessions) {
        this.people = people;
        this.sessions = sessions;
    }

    @InitBinder("form")
    void personFields(WebDataBinder binder) {
        binder.setAllowedFields("userId", "firstName", "lastName", "email", "password");
    }

    /** The person a membership changes comes from the path, never from the form. */
    @InitBinder("membership")
    void membershipFields(WebDataBinder binder) {
        binder.setAllowedFields("group", "newGroup", "newGroupName");
    }

    @InitBinder("reset")
    void resetFields(WebDataBinder binder) {
        binder.setAllowedFields("password");
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("people", people.people());
        return LIST;
    }

    @GetMapping("/new")
    String newPerson(Model model) {
        model.addAttribute("form", new PersonForm());
        return FORM;
    }

    @PostMapping
    String create(@ModelAttribute("form") PersonForm form, BindingResult errors,
            @ModelAttribute(name = "admin", binding = false) Person admin, RedirectAttributes redirect) {
        try {
            people.createPerson(admin, form.input());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, PERSON_FIELDS);
            form.setPassword(null);
            return FORM;
        }
        String userId = form.getUserId().trim();
        redirect.addFlashAttribute("notice", people.displayName(userId) + " (" + userId
                + ") can now log in with the password you gave. Add them to their groups below.");
        return redirectTo(userId);
    }

    @GetMapping("/{userId}")
    String person(@PathVariable String userId, Model model) {
        model.addAttribute("membership", new MembershipForm());
        return person(userId, model, null);
    }

    @PostMapping("/{userId}/groups")
    String addToGroup(@PathVariable String userId, @ModelAttribute("membership") MembershipForm membership,
            BindingResult errors, @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        try {
            people.addMembership(admin, userId, membership.getGroup());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, MEMBERSHIP_FIELDS);
            return person(userId, model, null);
        }
        redirect.addFlashAttribute("notice", people.displayName(userId) + " is now in " + membership.getGroup().trim()
                + ".");
        return redirectTo(userId);
    }

    @PostMapping("/{userId}/groups/new")
    String addToNewGroup(@PathVariable String userId, @ModelAttribute("membership") MembershipForm membership,
            BindingResult errors, @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        GroupEntry group;
        try {
            group = people.addToNewGroup(admin, userId, membership.getNewGroup(), membership.getNewGroupName());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, MEMBERSHIP_FIELDS);
            return person(userId, model, null);
        }
        redirect.addFlashAttribute("notice", "Group " + group.id() + " is created, and " + people.displayName(userId)
                + " is in it.");
        return redirectTo(userId);
    }

    @PostMapping("/{userId}/groups/remove")
    String removeFromGroup(@PathVariable String userId, @ModelAttribute("membership") MembershipForm membership,
            BindingResult errors, @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        try {
            people.removeMembership(admin, userId, membership.getGroup());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, MEMBERSHIP_FIELDS);
            String message = errors.hasFieldErrors("group") ? errors.getFieldError("group").getDefaultMessage()
                    : null;
            // The refusal shows beside the group's own Remove button; the add form starts empty.
            model.addAttribute("membership", new MembershipForm());
            return person(userId, model, new RemoveError(membership.getGroup(), message));
        }
        redirect.addFlashAttribute("notice", people.displayName(userId) + " is no longer in "
                + membership.getGroup().trim() + ".");
        return redirectTo(userId);
    }

    @PostMapping("/{userId}/unlock")
    String unlock(@PathVariable String userId, @ModelAttribute(name = "admin", binding = false) Person admin,
            RedirectAttributes redirect) {
        people.unlock(admin, userId);
        redirect.addFlashAttribute("notice", people.displayName(userId) + " can log in again at once.");
        return redirectTo(userId);
    }

    /** The person must choose their own password at their next login; whoever holds a session of theirs is out. */
    @PostMapping("/{userId}/password")
    String resetPassword(@PathVariable String userId, @ModelAttribute("reset") TemporaryPasswordForm reset,
            BindingResult errors, @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        try {
            people.resetPassword(admin, userId, reset.getPassword());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, List.of("password"));
            reset.setPassword(null);
            model.addAttribute("membership", new MembershipForm());
            return person(userId, model, null);
        }
        sessions.endAll(userId, null);
        redirect.addFlashAttribute("notice", people.displayName(userId) + " can log in with the temporary password "
                + "you set, and must then choose their own.");
        return redirectTo(userId);
    }

    /** Why removing a person from a group was refused, shown beside that group. */
    record RemoveError(String group, String message) {
    }

    private String person(String userId, Model model, RemoveError removeError) {
        Account account = people.account(userId).orElseThrow(() -> StewardProblem.notFound("Person " + userId));
        List<GroupEntry> others = people.groups().stream().filter(g -> !account.groups().contains(g.id())).toList();
        model.addAttribute("account", account);
        model.addAttribute("holds", people.loginHolds(account.id()));
        if (!model.containsAttribute("reset")) {
            model.addAttribute("reset", new TemporaryPasswordForm());
        }
        model.addAttribute("otherGroups", others);
        model.addAttribute("removeError", removeError);
        return PERSON;
    }

    private static String redirectTo(String userId) {
        return "redirect:/admin/people/" + userId;
    }
}
