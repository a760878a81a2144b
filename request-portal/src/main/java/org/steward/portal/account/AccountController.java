package org.steward.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.portal.admin.Forms;
import org.steward.portal.system.CurrentPerson;
import org.steward.portal.system.StewardPrincipal;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.task.Channel;

/** A person's own account ({@code /account}): who they are, their groups, and changing their password. */
@Controller
@RequestMapping("/account")
class AccountController {

    static final String VIEW = "account/account";
    /** The form's fields in the order it shows them. */
    static final List<String> FIELDS = List.of("currentPassword", "newPassword", "confirmation");

    private final PeopleService people;
    private final CurrentPerson currentPerson;
    private final SignedInSessions sessions;

    AccountController(PeopleService people, CurrentPerson currentPerson, SignedInSessions sessions) {
        this.people = people;
        this.currentPerson = currentPerson;
        this.sessions = sessions;
    }

    @InitBinder("form")
    void passwordFields(WebDataBinder binder) {
        binder.setAllowedFields(FIELDS.toArray(String[]::new));
    }

    @GetMapping
    String show(Authentication authentication, Model model) {
        model.addAttribute("form", new PasswordForm());
        return page(authentication, model);
    }

    @PostMapping("/password")
    String changePassword(@ModelAttribute("form") PasswordForm form, BindingResult errors,
            Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        try {
            people.changeOwnPassword(person, form.input(), request.getRemoteAddr(), Channel.WEB.code());
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            form.forget();
            return page(authentication, model);
        }
        sessions.passwordChanged(authentication, request, response);
        redirect.addFlashAttribute("notice", "Your password is changed. Use the new one from now on: you stay "
                + "logged in here, and wherever else you were logged in, you will be asked to log in again.");
        return "redirect:/account";
    }

    private String page(Authentication authentication, Model model) {
        String userId = authentication.getName();
        model.addAttribute("account", people.account(userId)
                .orElseThrow(() -> StewardProblem.notFound("Your account")));
        model.addAttribute("hasPassword", people.hasPassword(userId));
        model.addAttribute("mustChange", authentication.getPrincipal() instanceof StewardPrincipal principal
                && principal.mustChangePassword());
        return VIEW;
    }
}
