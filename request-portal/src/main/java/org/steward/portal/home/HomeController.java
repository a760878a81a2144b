package org.steward.portal.home;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.steward.portal.request.PlainWords;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.data.domain.Page;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestDrafts;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Inbox;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's home: the person's own requests under way, and the tasks waiting for them. */
@Controller
class HomeController {

    static final String HOME_VIEW = "home";
    /** The oldest tasks are on the home page; the inbox has them all. */
    static final int HOME_TASKS = 10;
    /** The newest requests under way are on the home page; the list of requests has them all. */
    static final int HOME_REQUESTS = 20;

    private final RequestService requests;
    private final Inbox tasks;
    private final CurrentPerson currentPerson;
    private final RequestDrafts drafts;

    HomeController(RequestService requests, Inbox tasks, CurrentPerson currentPerson,
            RequestDrafts drafts) {
        this.drafts = drafts;
        this.requests = requests;
        this.tasks = tasks;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        Map<String, String> titles = new HashMap<>();
        Inbox.InboxPage inbox = tasks.oldestTasksFor(person, HOME_TASKS);
        List<WaitingTask> waiting = inbox.tasks().stream()
                .map(task -> new WaitingTask(task.id(), task.name(), task.requestReference(),
                        titles.computeIfAbsent(task.requestReference(), reference -> titleFor(person, reference)),
                        task.created(), task.due()))
                .toList();
        model.addAttribute("person", person);
        model.addAttribute("tasks", waiting);
        model.addAttribute("taskCount", inbox.total());
        Page<DataRequest> underWay = requests.ownRequests(person, PlainWords.UNDER_WAY, HOME_REQUESTS);
        model.addAttribute("requests", underWay.getContent());
        model.addAttribute("requestCount", underWay.getTotalElements());
        model.addAttribute("drafts", drafts.of(person));
        return HOME_VIEW;
    }

    private String titleFor(Person person, String reference) {
        try {
            return reference == null ? "" : requests.visible(person, reference).getTitle();
        } catch (StewardProblem notVisible) {
            return "";
        }
    }

    /** A task waiting for the person, with its request's title. */
    record WaitingTask(String id, String step, String reference, String title, Instant created, Instant due) {
    }
}
