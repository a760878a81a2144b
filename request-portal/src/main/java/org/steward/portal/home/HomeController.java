package org.steward.portal.home;

import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.RequestTaskService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's home: the person's requests and the tasks waiting for them. */
@Controller
class HomeController {

    private final RequestService requests;
    private final RequestTaskService tasks;
    private final CurrentPerson currentPerson;

    HomeController(RequestService requests, RequestTaskService tasks, CurrentPerson currentPerson) {
        this.requests = requests;
        this.tasks = tasks;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        var person = currentPerson.of(authentication);
        model.addAttribute("person", person);
        model.addAttribute("requests", requests.visibleTo(person, null));
        model.addAttribute("tasks", tasks.openTasksFor(person));
        return "home";
    }
}
