package org.steward.workflow.task;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tasks people may act on: their inbox, a request's open steps, and one task as a person sees it. */
@Service
public class Inbox {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskLookup lookup;

    Inbox(TaskService tasks, RuntimeService runtime, TaskLookup lookup) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.lookup = lookup;
    }

    /** How a list of tasks is sorted; ties fall to the task id, so pages never repeat or skip a task. */
    public enum Order {
        /** The longest waiting first. */
        OLDEST,
        /** The newest first. */
        NEWEST,
        /** The soonest due first; tasks with no due date last. */
        DUE,
        /** By the step's name. */
        STEP;

        void apply(TaskQuery query) {
            switch (this) {
                case OLDEST -> query.orderByTaskCreateTime().asc();
                case NEWEST -> query.orderByTaskCreateTime().desc();
                case DUE -> query.orderByDueDate().asc().orderByTaskCreateTime().asc();
                case STEP -> query.orderByTaskName().asc().orderByTaskCreateTime().asc();
            }
            query.orderByTaskId().asc();
        }
    }

    /**
     * One page (numbered from 0) of the tasks assigned to the person and of their groups' tasks that nobody has
     * claimed, of one request when {@code reference} is given, read from a constant number of queries. No transaction
     * around it: the engine marks the one it runs in for rollback when it reads a task completed meanwhile, which
     * would fail the whole list; each read commits on its own and such a task is left out.
     */
    public Page<TaskView> openTasksFor(Person person, String reference, Order order, int page, int size) {
        TaskQuery query = tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id())
                .endOr().active();
        if (reference != null) {
            query.processInstanceBusinessKey(reference);
        }
        (order == null ? Order.OLDEST : order).apply(query);
        int first = Math.max(page, 0) * size;
        List<Task> listed = query.listPage(first, size);
        // A page that is not full tells the total without counting (a request's few tasks, polled often).
        long total = listed.size() < size && (!listed.isEmpty() || first == 0) ? first + listed.size()
                : query.count();
        return new PageImpl<>(views(listed), PageRequest.of(Math.max(page, 0), size), total);
    }

    /** The oldest tasks waiting for the person (as {@link #openTasksFor}), at most {@code max}, and how many in all. */
    public InboxPage oldestTasksFor(Person person, int max) {
        var query = tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id()).endOr()
                .active().orderByTaskCreateTime().asc();
        int total = (int) query.count();
        return new InboxPage(views(query.listPage(0, max)), total, total, 0, 1, List.of());
    }

    /** The tasks a request waits on now (outside a transaction, as {@link #openTasksFor}). */
    public List<TaskView> currentTasks(String reference) {
        return views(tasks.createTaskQuery().processInstanceBusinessKey(reference).orderByTaskCreateTime().asc().list());
    }

    /**
     * One page (numbered from 0) of the inbox, oldest first: the open tasks of {@link #openTasksFor} and the tasks of
     * the person's groups that someone else has claimed (shown with who has them), filtered by step name. Only the
     * page's tasks are read, in a constant number of queries; outside a transaction, as {@link #openTasksFor}.
     */
    public InboxPage inbox(Person person, String stepName, int page, int size) {
        TaskQuery chosen = inboxQuery(person);
        if (stepName != null) {
            chosen.taskName(stepName);
        }
        chosen.orderByTaskCreateTime().asc().orderByTaskId().asc();
        // The first page, when not full, tells how many match without counting them.
        List<Task> listed = page <= 0 ? chosen.listPage(0, size) : null;
        long matching = listed != null && listed.size() < size ? listed.size() : chosen.count();
        long total = stepName == null ? matching : inboxQuery(person).count();
        int pages = (int) Math.max(1, (matching + size - 1) / size);
        int current = Math.min(Math.max(page, 0), pages - 1);
        List<TaskView> views = views(listed != null && current == 0 ? listed : chosen.listPage(current * size, size));
        return new InboxPage(views, (int) matching, (int) total, current, pages,
                lookup.stepNames(person.id(), person.groups()));
    }

    /** A page of the inbox: its tasks, how many match, how many there are in all, and the steps present. */
    public record InboxPage(List<TaskView> tasks, int matching, int total, int page, int pages,
            List<String> stepNames) {
    }

    /**
     * One open task as the person sees it, with its form's rules and whether they may act on it: 404 if they may not
     * see its request, 409 naming who completed it or ended its round.
     */
    @Transactional(readOnly = true)
    public TaskDetail task(Person person, String taskId) {
        try {
            return detail(person, taskId);
        } catch (StewardProblem problem) {
            throw problem;
        } catch (RuntimeException failure) {
            // The engine reads a task in several statements: one completed between them fails the read.
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw lookup.finished(person, taskId);
            }
            throw failure;
        }
    }

    private TaskDetail detail(Person person, String taskId) {
        Task task = lookup.openTask(person, taskId);
        List<IdentityLink> links = lookup.links(taskId);
        List<FormField> form = lookup.form(taskId);
        Map<String, Map<String, String>> constraints = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : form) {
            Map<String, String> rules = new LinkedHashMap<>();
            field.getValidationConstraints().forEach(c -> rules.put(c.getName(),
                    c.getConfiguration() == null ? "" : c.getConfiguration().toString()));
            constraints.put(field.getId(), Map.copyOf(rules));
            Object value = field.getValue() == null ? null : field.getValue().getValue();
            if (value instanceof Date date) {
                values.put(field.getId(), date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString());
            } else if (value != null) {
                values.put(field.getId(), value.toString());
            }
        }
        TaskView view = view(task, businessKeys(List.of(task)).get(task.getProcessInstanceId()), links, form);
        return new TaskDetail(view, task.getDescription(), lookup.mayComplete(person, task, links),
                lookup.isCandidate(person, links), TaskLookup.waitsFor(task, links), Map.copyOf(constraints),
                Map.copyOf(values));
    }

    /**
     * An open task as one person sees it: the task, its documentation, whether they may complete it now, whether
     * they are one of its candidates (so may take it or hand it back), who it waits for, and its form's validation
     * constraints (name to configuration, by field id) and prefilled values (by field id, dates as 2027-01-31).
     */
    public record TaskDetail(TaskView view, String description, boolean mayComplete, boolean candidate,
            String waitsFor, Map<String, Map<String, String>> constraints, Map<String, String> values) {
    }

    /** The reference of the request a task (open or done) belongs to, for the logs; empty for an unknown task. */
    public Optional<String> referenceOf(String taskId) {
        return taskId == null || taskId.length() > 64 ? Optional.empty() : lookup.referenceOf(taskId);
    }

    /** An open task by id, for notifications acting for the platform itself; empty once it is completed or gone. */
    public Optional<TaskView> waiting(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        // A task completed between the two reads has no view: it is no longer waiting.
        return task == null ? Optional.empty() : views(List.of(task)).stream().findFirst();
    }

    /** Whether the task is open and the person may complete it now: its assignee, or one of its candidates. */
    @Transactional(readOnly = true)
    public boolean mayComplete(Person person, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        return task != null && lookup.mayCompleteFromTable(person, task);
    }

    /** Assigned to the person, or offered to them or their groups, claimed by someone else or not. */
    private TaskQuery inboxQuery(Person person) {
        TaskQuery query = tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id());
        if (!person.groups().isEmpty()) {
            query.taskCandidateGroupIn(List.copyOf(person.groups()));
        }
        return query.includeAssignedTasks().endOr().active();
    }

    /**
     * The tasks' views from a constant number of queries: their groups in one, each step's form once (a form is the
     * same for every task of a step). A task completed while the list is read is left out, never a failure.
     */
    private List<TaskView> views(List<Task> found) {
        Map<String, String> keys = businessKeys(found);
        Map<String, List<String>> groups = lookup.candidateGroups(found.stream().map(Task::getId).toList());
        Map<String, List<TaskView.FormFieldView>> forms = new HashMap<>();
        List<TaskView> views = new ArrayList<>();
        for (Task task : found) {
            String step = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
            List<TaskView.FormFieldView> form = forms.get(step);
            if (form == null) {
                Optional<List<FormField>> read = lookup.formIfOpen(task.getId());
                if (read.isEmpty()) {
                    continue;
                }
                form = fields(read.get());
                forms.put(step, form);
            }
            views.add(new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(),
                    keys.get(task.getProcessInstanceId()), groups.getOrDefault(task.getId(), List.of()),
                    task.getAssignee(), instant(task.getCreateTime()), instant(task.getDueDate()), form));
        }
        return views;
    }

    private Map<String, String> businessKeys(List<Task> found) {
        Map<String, String> keys = new HashMap<>();
        Set<String> instanceIds = found.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (!instanceIds.isEmpty()) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list()) {
                keys.put(instance.getId(), instance.getBusinessKey());
            }
        }
        return keys;
    }

    /** A task's view, from what was read of it once. */
    static TaskView view(Task task, String reference, List<IdentityLink> links, List<FormField> form) {
        return new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(), reference,
                TaskLookup.candidates(links, false), task.getAssignee(), instant(task.getCreateTime()),
                instant(task.getDueDate()), fields(form));
    }

    static List<TaskView.FormFieldView> fields(List<FormField> form) {
        return form.stream()
                .map(f -> new TaskView.FormFieldView(f.getId(), f.getLabel(), f.getTypeName(),
                        f.getValidationConstraints().stream().anyMatch(c -> "required".equals(c.getName())),
                        enumValues(f)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<TaskView.Option> enumValues(FormField field) {
        Object values = field.getType() == null ? null : field.getType().getInformation("values");
        if (!(values instanceof Map<?, ?> map)) {
            return List.of();
        }
        return ((Map<String, String>) map).entrySet().stream().map(e -> new TaskView.Option(e.getKey(), e.getValue()))
                .toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
