package org.steward.portal.task;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.steward.portal.system.Connections;
import org.steward.portal.system.CurrentPerson;
import org.steward.portal.system.ListPage;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;
import org.steward.workflow.task.TaskView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tasks a person may act on, and completing them. */
@RestController
class TaskApiController {

    private final Inbox tasks;
    private final TaskCommands commands;
    private final CurrentPerson currentPerson;

    TaskApiController(Inbox tasks, TaskCommands commands, CurrentPerson currentPerson) {
        this.tasks = tasks;
        this.commands = commands;
        this.currentPerson = currentPerson;
    }

    /**
     * Open tasks the caller may act on, a page at a time (oldest first unless {@code sort} says otherwise);
     * {@code request} narrows them to one request's.
     */
    @GetMapping("/api/tasks")
    ListPage<TaskView> open(@RequestParam(required = false) String request,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, Authentication authentication) {
        ListPage.Asked asked = ListPage.Asked.of(page, size);
        Inbox.Order order = ListPage.sort(sort, Inbox.Order.class, Inbox.Order.OLDEST);
        return ListPage.of(tasks.openTasksFor(currentPerson.of(authentication), request, order, asked.page(),
                asked.size()), task -> task);
    }

    @PostMapping("/api/tasks/{id}/complete")
    ResponseEntity<Void> complete(@PathVariable String id, @RequestBody Completion completion,
            Authentication authentication, HttpServletRequest request) {
        commands.decide(TaskDecision.by(currentPerson.of(authentication), id, completion.decision(),
                completion.comment(), completion.fields(), Channel.API,
                Connections.clientOf(request)));
        return ResponseEntity.noContent().build();
    }

    /** What a person decides on a task. */
    record Completion(String decision, String comment, Map<String, Object> fields) {
    }
}
