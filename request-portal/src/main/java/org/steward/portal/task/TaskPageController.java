package org.steward.portal.task;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.steward.portal.system.Connections;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestRevisions;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.HistoryEntry;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.Inbox.TaskDetail;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;
import org.steward.workflow.task.TaskView;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The task inbox (mine and my groups', claim and hand back, filter by step) and a task's page: the request summary
 * a reviewer needs, then the task's own form as its model declares it, the decision enum as buttons; a signature
 * shows the agreement's exact text. Every check is the task service's: what the person may not see is a 404,
 * what is not theirs to do a 403, what is already done a 409 naming who did it.
 */
@Controller
class TaskPageController {

    static final String INBOX_VIEW = "tasks/inbox";
    static final String TASK_VIEW = "tasks/task";

    private final Inbox tasks;
    private final TaskCommands commands;
    private final DecisionHistory decisions;
    private final RequestService requests;
    private final AgreementService agreements;
    private final RequestSummaries summaries;
    private final CurrentPerson currentPerson;
    private final TaskWords words;

    private final RequestRevisions revisions;

    TaskPageController(Inbox tasks, TaskCommands commands, DecisionHistory decisions, RequestService requests, AgreementService agreements,
            RequestSummaries summaries, CurrentPerson currentPerson, TaskWords words, RequestRevisions revisions) {
        this.revisions = revisions;
        this.tasks = tasks;
        this.commands = commands;
        this.decisions = decisions;
        this.requests = requests;
        this.agreements = agreements;
        this.summaries = summaries;
        this.currentPerson = currentPerson;
        this.words = words;
    }

    /** A task's form binds its answers only: the task, its request and its assignee come from the address. */
    @InitBinder("form")
    void onlyTheAnswers(WebDataBinder binder) {
        binder.setAllowedFields("decision", "comment", "fields[*]");
    }

    /** Tasks on one page of the inbox: enough to work through, few enough to load at once. */
    static final int INBOX_PAGE_SIZE = 50;

    @GetMapping("/tasks")
    String inbox(@RequestParam(required = false) String step, @RequestParam(defaultValue = "1") int page,
            Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        String chosen = step == null || step.isBlank() ? null : step;
        Inbox.InboxPage inbox = tasks.inbox(person, chosen, page - 1, INBOX_PAGE_SIZE);
        Map<String, String> titles = requests.titles(inbox.tasks().stream().map(TaskView::requestReference)
                .filter(Objects::nonNull).distinct().toList());
        model.addAttribute("rows", inbox.tasks().stream().map(t -> row(person, t, titles)).toList());
        model.addAttribute("steps", inbox.stepNames());
        model.addAttribute("step", chosen);
        model.addAttribute("total", inbox.total());
        model.addAttribute("matching", inbox.matching());
        model.addAttribute("page", inbox.page() + 1);
        model.addAttribute("pages", inbox.pages());
        return INBOX_VIEW;
    }

    @PostMapping("/tasks/{id}/claim")
    String claim(@PathVariable String id, @RequestParam(required = false) String step,
            @RequestParam(required = false) String back, Authentication authentication, RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        commands.claim(person, id);
        TaskView task = tasks.task(person, id).view();
        redirect.addFlashAttribute("notice", "You took the task \u201c" + task.name() + "\u201d on request "
                + task.requestReference() + ". It is yours until you decide or hand it back.");
        return backTo(id, step, back, redirect);
    }

    @PostMapping("/tasks/{id}/unclaim")
    String unclaim(@PathVariable String id, @RequestParam(required = false) String step,
            @RequestParam(required = false) String back, Authentication authentication, RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        commands.unclaim(person, id);
        TaskView task = tasks.task(person, id).view();
        redirect.addFlashAttribute("notice", "You handed back the task \u201c" + task.name() + "\u201d on request "
                + task.requestReference() + ": anyone of " + words.waitsFor(task) + " can take it now.");
        return backTo(id, step, back, redirect);
    }

    @GetMapping("/tasks/{id}")
    String task(@PathVariable String id, Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        show(model, person, tasks.task(person, id), new TaskForm(), Map.of(), null);
        return TASK_VIEW;
    }

    @PostMapping("/tasks/{id}")
    String complete(@PathVariable String id, @ModelAttribute("form") TaskForm form, Authentication authentication,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect, Model model) {
        Person person = currentPerson.of(authentication);
        TaskDetail detail = tasks.task(person, id);
        TaskView view = detail.view();
        Map<String, Object> answers = TaskFormLayout.answers(detail, form);
        boolean hasComment = view.fields().stream().anyMatch(f -> TaskFormLayout.COMMENT.equals(f.id()));
        Optional<DataSharingAgreement> agreement = TaskFormLayout.isSigning(view)
                ? agreements.current(view.requestReference()) : Optional.empty();
        try {
            commands.decide(TaskDecision.by(person, id, blankToNull(form.getDecision()),
                    hasComment ? form.getComment() : null, answers, Channel.WEB,
                    Connections.clientOf(request)));
        } catch (StewardProblem problem) {
            return refused(problem, person, id, detail, form, answers, response, model);
        }
        String decision = TaskFormLayout.decisionLabel(view, form.getDecision());
        redirect.addFlashAttribute("notice", "sign".equals(form.getDecision()) && agreement.isPresent()
                ? "You signed agreement " + agreement.get().getNumber() + " version " + agreement.get().getVersion()
                        + ". Thank you."
                : "Your decision \u201c" + (decision == null ? "Done" : decision) + "\u201d on \u201c" + view.name()
                        + "\u201d is recorded.");
        redirect.addAttribute("reference", view.requestReference());
        return "redirect:/requests/{reference}";
    }

    private String refused(StewardProblem problem, Person person, String id, TaskDetail detail, TaskForm form,
            Map<String, Object> answers, HttpServletResponse response, Model model) {
        switch (problem.kind()) {
            case INVALID -> {
                Map<String, String> errors = new LinkedHashMap<>(TaskFormLayout.missingRequired(detail, form, answers));
                errors.putAll(TaskFormLayout.errorsByField(problem.fieldErrors(), detail.view()));
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                show(model, person, detail, form, errors, new Alert("error", "Some answers need attention",
                        "Nothing was recorded yet. See the messages next to the fields, then choose again."));
                return TASK_VIEW;
            }
            case FORBIDDEN -> {
                response.setStatus(HttpStatus.FORBIDDEN.value());
                show(model, person, tasks.task(person, id), form, Map.of(),
                        new Alert("error", "Not yours to do", problem.getMessage()));
                return TASK_VIEW;
            }
            case CONFLICT -> {
                // Still open: the text to sign changed, or someone acted at the same moment. Gone: the handler says who.
                TaskDetail now = tasks.task(person, id);
                response.setStatus(HttpStatus.CONFLICT.value());
                if (TaskFormLayout.isSigning(now.view())) {
                    form.getFields().remove("consent");
                    show(model, person, now, form, Map.of(), new Alert("warning",
                            "The agreement changed: read it again",
                            "The text you read is no longer the one to sign. Read the current text below, then sign "
                                    + "again. (" + problem.getMessage() + ")"));
                } else {
                    show(model, person, now, form, Map.of(), new Alert("warning", "This cannot be done now",
                            problem.getMessage()));
                }
                return TASK_VIEW;
            }
            default -> throw problem;
        }
    }

    private void show(Model model, Person person, TaskDetail detail, TaskForm form, Map<String, String> errors,
            Alert alert) {
        TaskView view = detail.view();
        DataRequest request = requests.visible(person, view.requestReference());
        boolean signing = TaskFormLayout.isSigning(view);
        Optional<DataSharingAgreement> agreement = signing ? agreements.current(view.requestReference())
                : Optional.empty();
        String shownHash = agreement.map(DataSharingAgreement::getSha256).orElse(null);
        List<FieldModel> fields = TaskFormLayout.fields(detail, errors.isEmpty() && alert == null ? null : form,
                errors, shownHash);
        model.addAttribute("form", form);
        model.addAttribute("task", view);
        model.addAttribute("detail", detail);
        model.addAttribute("summary", summaries.of(request));
        // What the requester changed since changes were asked for, so this round's reviewers see it at once.
        model.addAttribute("changedInRevision", revisions.lastRevisionChanges(view.requestReference()));
        model.addAttribute("timeline", timeline(view.requestReference()));
        model.addAttribute("fields", fields);
        model.addAttribute("decisions", TaskFormLayout.decisions(view));
        model.addAttribute("errors", errors);
        model.addAttribute("errorList", errorList(errors, fields));
        model.addAttribute("alert", alert);
        model.addAttribute("signing", signing);
        model.addAttribute("agreement", agreement.orElse(null));
        model.addAttribute("agreementStatus", agreement.map(a -> words.agreementStatus(a.getStatus())).orElse(null));
        model.addAttribute("revise", "reviseRequest".equals(view.taskDefinitionKey())
                || TaskFormLayout.decisions(view).stream().anyMatch(d -> "resubmit".equals(d.value())));
        model.addAttribute("waitsFor", words.waitsFor(view));
        model.addAttribute("takenBy", view.assignee() != null && !view.assignee().equals(person.id())
                ? words.person(view.assignee()) : null);
        model.addAttribute("canClaim", detail.candidate() && view.assignee() == null);
        model.addAttribute("canUnclaim", detail.candidate() && person.id().equals(view.assignee()));
        model.addAttribute("since", words.dateTime(view.created()));
        model.addAttribute("age", words.age(view.created()));
        model.addAttribute("due", words.date(view.due()));
        model.addAttribute("overdue", words.overdue(view.due()));
    }

    /** The errors as a list for the summary at the top, each linking to its field. */
    private static List<ErrorLink> errorList(Map<String, String> errors, List<FieldModel> fields) {
        return errors.entrySet().stream().map(e -> {
            String target = TaskFormLayout.GENERAL.equals(e.getKey()) ? null
                    : TaskFormLayout.DECISION.equals(e.getKey()) ? "decisions"
                    : fields.stream().filter(f -> f.id().equals(e.getKey())).findFirst().map(FieldModel::htmlId)
                            .orElse(null);
            return new ErrorLink(target, e.getValue());
        }).toList();
    }

    private List<TimelineLine> timeline(String reference) {
        return decisions.history(reference).stream().map((HistoryEntry e) -> new TimelineLine(words.dateTime(e.time()),
                e.time() == null ? null : e.time().toString(),
                e.actorName() == null || e.actorName().equals(e.actor()) ? e.actor()
                        : e.actorName() + " (" + e.actor() + ")",
                e.stepName() == null ? e.step() : e.stepName(),
                words.outcome(e.outcome(), e.outcomeLabel()), e.comment(), words.channel(e.channel()))).toList();
    }

    private InboxRow row(Person person, TaskView task, Map<String, String> titles) {
        String title = task.requestReference() == null ? "" : titles.getOrDefault(task.requestReference(), "");
        boolean mine = person.id().equals(task.assignee());
        return new InboxRow(task, title, words.dateTime(task.created()),
                task.created() == null ? null : task.created().toString(), words.age(task.created()),
                words.date(task.due()), task.due() == null ? null : task.due().toString(), words.overdue(task.due()),
                task.assignee() != null && !mine ? words.person(task.assignee()) : null, mine,
                task.assignee() == null,
                mine && task.candidateGroups().stream().anyMatch(person::inGroup));
    }

    private String backTo(String id, String step, String back, RedirectAttributes redirect) {
        if ("task".equals(back)) {
            redirect.addAttribute("id", id);
            return "redirect:/tasks/{id}";
        }
        if (step != null && !step.isBlank()) {
            redirect.addAttribute("step", step);
        }
        return "redirect:/tasks";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A line of the inbox. */
    record InboxRow(TaskView task, String title, String since, String sinceIso, String age, String due,
            String dueIso, boolean overdue, String takenBy, boolean mine, boolean canClaim, boolean canUnclaim) {
    }

    /** A step of the request's timeline, ready to show. */
    record TimelineLine(String time, String timeIso, String who, String step, String outcome, String comment,
            String channel) {
    }

    /** A message at the top of the page. */
    record Alert(String kind, String heading, String message) {
    }

    /** An error in the summary at the top, linking to its field when it has one. */
    record ErrorLink(String target, String message) {
    }
}
