package org.steward.portal.mailbox;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.steward.notifications.preference.EmailPreferences;
import org.steward.notifications.preference.StatusTopic;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.Person;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's email settings ({@code /settings/email}): one box per kind of status email, ticked for the ones they
 * want. Emails about tasks waiting for them, reminders and escalations are not a choice and always go out.
 */
@Controller
@RequestMapping("/settings/email")
class EmailSettingsController {

    static final String VIEW = "mailbox/settings";

    private final EmailPreferences preferences;
    private final CurrentPerson currentPerson;

    EmailSettingsController(EmailPreferences preferences, CurrentPerson currentPerson) {
        this.preferences = preferences;
        this.currentPerson = currentPerson;
    }

    /** One box of the form. */
    record Choice(String value, String label, boolean wanted) {
    }

    @GetMapping
    String show(Authentication authentication, Model model) {
        Set<StatusTopic> wanted = preferences.wanted(currentPerson.of(authentication));
        model.addAttribute("choices", Arrays.stream(StatusTopic.values())
                .map(t -> new Choice(t.name(), t.label(), wanted.contains(t))).toList());
        return VIEW;
    }

    /** Saves the ticked boxes; a box the form never had (a forged value) is not a topic and changes nothing. */
    @PostMapping
    String save(@RequestParam(name = "topics", required = false) List<String> topics, Authentication authentication,
            RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        Set<StatusTopic> wanted = EnumSet.noneOf(StatusTopic.class);
        for (StatusTopic topic : StatusTopic.values()) {
            if (topics != null && topics.contains(topic.name())) {
                wanted.add(topic);
            }
        }
        preferences.choose(person, wanted);
        redirect.addFlashAttribute("notice", wanted.isEmpty()
                ? "Saved. You will get no emails about your requests' progress or comments; emails about tasks "
                        + "waiting for you, reminders and escalations still come."
                : "Saved. You will get emails about: " + wanted.stream().map(t -> inSentence(t.label()))
                        .collect(Collectors.joining("; ")) + ".");
        return "redirect:/settings/email";
    }

    /** A label as it reads inside the sentence: "the agreement is in force", not "The agreement is in force". */
    private static String inSentence(String label) {
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
