package org.steward.workflow.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.DateLimit;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;
import org.steward.workflow.request.RequestService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lists the tasks people may act on and completes them through the engine's form service, as the model's form says. */
@Service
public class RequestTaskService {

    /** Decisions that must say why. */
    static final Set<String> NEED_A_COMMENT = Set.of("reject", "changes", "decline");
    /** Decisions that end a round for everyone else on it. */
    static final Set<String> END_A_ROUND = Set.of("reject", "changes", "decline", "withdraw");

    /** Audit events that the timeline shows beside the decisions. */
    static final Set<String> REQUESTER_STEPS = Set.of("SUBMITTED", "REVISED", "WITHDRAWN");

    /** Text answers kept beyond the engine's variables, in columns of their own; any other is {@code FORM_TEXT}. */
    private static final Map<String, FieldLimit> TEXT_LIMITS = Map.of("conditions", FieldLimit.CONDITIONS,
            "reason", FieldLimit.REASON, "typedName", FieldLimit.TYPED_NAME);

    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final TaskService tasks;
    private final FormService forms;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;
    private final RequestService requests;
    private final AccessPolicy access;
    private final PeopleService people;
    private final DecisionRepository decisions;
    private final AuditTrail audit;

    RequestTaskService(TaskService tasks, FormService forms, RuntimeService runtime, HistoryService history,
            RequestService requests, AccessPolicy access, PeopleService people, DecisionRepository decisions,
            AuditTrail audit, RepositoryService repository) {
        this.repository = repository;
        this.audit = audit;
        this.tasks = tasks;
        this.forms = forms;
        this.runtime = runtime;
        this.history = history;
        this.requests = requests;
        this.access = access;
        this.people = people;
        this.decisions = decisions;
    }

    /** Tasks assigned to the person, and tasks of their groups that nobody has claimed. */
    @Transactional(readOnly = true)
    public List<TaskView> openTasksFor(Person person) {
        List<Task> found = tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id())
                .endOr().active().orderByTaskCreateTime().asc().list();
        return views(found);
    }

    /** The oldest tasks waiting for the person (as {@link #openTasksFor}), at most {@code max}, and how many in all. */
    @Transactional(readOnly = true)
    public InboxPage oldestTasksFor(Person person, int max) {
        var query = tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id()).endOr()
                .active().orderByTaskCreateTime().asc();
        int total = (int) query.count();
        return new InboxPage(views(query.listPage(0, max)), total, total, 0, 1, List.of());
    }

    /** The tasks a request waits on now. */
    @Transactional(readOnly = true)
    public List<TaskView> currentTasks(String reference) {
        return views(tasks.createTaskQuery().processInstanceBusinessKey(reference).orderByTaskCreateTime().asc().list());
    }

    /**
     * The inbox: the open tasks of {@link #openTasksFor}, and the tasks of the person's groups that someone else has
     * claimed (shown with who has them), oldest first.
     */
    @Transactional(readOnly = true)
    public List<TaskView> inboxFor(Person person) {
        return views(inboxTasks(person));
    }

    /**
     * One page of the inbox, filtered by step name: only the tasks on the page are read in full, so an inbox of
     * hundreds of tasks stays quick.
     */
    @Transactional(readOnly = true)
    public InboxPage inbox(Person person, String stepName, int page, int size) {
        List<Task> all = inboxTasks(person);
        List<String> stepNames = all.stream().map(Task::getName).filter(n -> n != null).distinct().sorted().toList();
        List<Task> chosen = all.stream().filter(t -> stepName == null || stepName.equals(t.getName())).toList();
        int pages = Math.max(1, (chosen.size() + size - 1) / size);
        int current = Math.min(Math.max(page, 0), pages - 1);
        List<Task> slice = chosen.subList(Math.min(current * size, chosen.size()),
                Math.min((current + 1) * size, chosen.size()));
        return new InboxPage(views(slice), chosen.size(), all.size(), current, pages, stepNames);
    }

    /** A page of the inbox: its tasks, how many match, how many there are in all, and the steps present. */
    public record InboxPage(List<TaskView> tasks, int matching, int total, int page, int pages,
            List<String> stepNames) {
    }

    private List<Task> inboxTasks(Person person) {
        Map<String, Task> found = new LinkedHashMap<>();
        tasks.createTaskQuery().or().taskAssignee(person.id()).taskCandidateUser(person.id()).endOr().active().list()
                .forEach(t -> found.put(t.getId(), t));
        if (!person.groups().isEmpty()) {
            tasks.createTaskQuery().taskCandidateGroupIn(List.copyOf(person.groups())).includeAssignedTasks().active()
                    .list().stream().filter(t -> t.getAssignee() != null).forEach(t -> found.putIfAbsent(t.getId(), t));
        }
        List<Task> ordered = new ArrayList<>(found.values());
        ordered.sort(java.util.Comparator.comparing(Task::getCreateTime).thenComparing(Task::getId));
        return ordered;
    }

    /**
     * One open task as the person sees it, with its form's rules and whether they may act on it: 404 if they may not
     * see its request, 409 naming who completed it or ended its round.
     */
    @Transactional(readOnly = true)
    public TaskDetail task(Person person, String taskId) {
        Task task = openTask(person, taskId);
        List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
        List<String> users = candidates(links, true);
        List<String> groups = candidates(links, false);
        Map<String, Map<String, String>> constraints = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : forms.getTaskFormData(taskId).getFormFields()) {
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
        return new TaskDetail(views(List.of(task)).get(0), task.getDescription(),
                access.canComplete(person, task.getAssignee(), users, groups),
                access.canComplete(person, null, users, groups), waitsFor(task, links), Map.copyOf(constraints),
                Map.copyOf(values));
    }

    /**
     * The person takes a task of their groups, so that nobody else works on it: 404 if they may not see its request,
     * 403 if they are not one of its candidates or someone else has it, 409 if it is no longer open.
     */
    @Transactional
    public void claim(Person person, String taskId) {
        access.requireMayChange(person);
        Task task = openTask(person, taskId);
        if (person.id().equals(task.getAssignee())) {
            return;
        }
        List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
        String reference = businessKey(task.getProcessInstanceId());
        if (!access.canComplete(person, task.getAssignee(), candidates(links, true), candidates(links, false))) {
            throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request " + reference
                    + (task.getAssignee() != null ? " is already taken by " + people.displayName(task.getAssignee())
                            + " (" + task.getAssignee() + ")." : " waits for " + waitsFor(task, links)
                                    + "; you are not one of them."));
        }
        try (PeopleService.ActingAs acting = people.actAs(person)) {
            tasks.claim(taskId, person.id());
        } catch (ProcessEngineException takenMeanwhile) {
            throw new StewardProblem(Kind.CONFLICT, "Someone else took the task \"" + task.getName()
                    + "\" at the same moment. Reload the page to see who has it.");
        }
        audit.recordForTask(reference, taskId, AuditEventType.TASK_CLAIMED, person.id(), null,
                new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), null));
    }

    /**
     * The person hands a task they took back to its groups: 403 if it is not theirs, 409 if it was given to them by
     * name (nobody else could take it) or is no longer open.
     */
    @Transactional
    public void unclaim(Person person, String taskId) {
        access.requireMayChange(person);
        Task task = openTask(person, taskId);
        List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
        String reference = businessKey(task.getProcessInstanceId());
        if (!person.id().equals(task.getAssignee())) {
            throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request " + reference
                    + (task.getAssignee() == null ? " is not taken by anyone."
                            : " is taken by " + people.displayName(task.getAssignee()) + " (" + task.getAssignee()
                                    + "); only they can hand it back."));
        }
        if (!access.canComplete(person, null, candidates(links, true), candidates(links, false))) {
            throw new StewardProblem(Kind.CONFLICT, "The task \"" + task.getName() + "\" on request " + reference
                    + " was given to you by name: nobody else could take it, so it cannot be handed back.");
        }
        try (PeopleService.ActingAs acting = people.actAs(person)) {
            tasks.setAssignee(taskId, null);
        }
        audit.recordForTask(reference, taskId, AuditEventType.TASK_UNCLAIMED, person.id(), null,
                new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), null));
    }

    /**
     * Signs a partner's signing task for its signatory, who has no account: the signing link they were emailed is
     * their authority, checked by the caller. Refused unless the task is open and waits for an outside party's
     * signature. The signature records {@code signer} as who signed, with the connection's evidence.
     */
    @Transactional
    public void signAsPartner(String taskId, String signer, String signerName, String typedName, Boolean consent,
            String documentHash, Client client) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new StewardProblem(Kind.CONFLICT, "This agreement no longer waits for your signature: it was "
                    + "signed, declined, or replaced by a new version.");
        }
        if (!"signAgreement".equals(task.getTaskDefinitionKey())
                || !org.steward.workflow.agreement.AgreementParty.EXTERNAL.equals(
                        tasks.getVariable(taskId, "signatory"))) {
            throw new StewardProblem(Kind.FORBIDDEN, "This step is not an outside party's signature.");
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("typedName", typedName);
        fields.put("consent", consent == null ? Boolean.FALSE : consent);
        fields.put("documentHash", documentHash);
        VariableMap submitted = formValues(taskId, "sign", null, fields);
        try (PeopleService.ActingAs acting = people.actAs(new Person(signer, signerName, null, Set.of()))) {
            tasks.setVariableLocal(taskId, TaskLifecycleRecorder.CHANNEL_VARIABLE, Channel.EMAIL.code());
            if (client.ip() != null) {
                tasks.setVariableLocal(taskId, "clientIp", client.ip());
            }
            if (client.userAgent() != null) {
                tasks.setVariableLocal(taskId, "userAgent", client.userAgent());
            }
            forms.submitTaskForm(taskId, submitted);
        } catch (OptimisticLockingException concurrentCompletion) {
            throw new StewardProblem(Kind.CONFLICT, "The agreement was signed from another window at the same moment.");
        } catch (FormFieldValidatorException invalid) {
            throw StewardProblem.invalid(Map.of(invalid.getId(), "This field is required."));
        } catch (StewardProblem problem) {
            throw problem;
        } catch (RuntimeException failure) {
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw new StewardProblem(Kind.CONFLICT, "The agreement was signed from another window at the same "
                        + "moment.");
            }
            throw StewardProblem.in(failure).map(RuntimeException.class::cast).orElse(failure);
        }
    }

    /** An open task by id, for notifications acting for the platform itself; empty once it is completed or gone. */
    @Transactional(readOnly = true)
    public Optional<TaskView> waiting(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        return task == null ? Optional.empty() : Optional.of(views(List.of(task)).get(0));
    }

    /** Whether the task is open and the person may complete it now: its assignee, or one of its candidates. */
    @Transactional(readOnly = true)
    public boolean mayComplete(Person person, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return false;
        }
        List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
        return access.canComplete(person, task.getAssignee(), candidates(links, true), candidates(links, false));
    }

    /**
     * A decision's words as the task's model names them ("Approve" for approve), also once the task is done and its
     * form can no longer be read.
     */
    @Transactional(readOnly = true)
    public Optional<String> decisionLabel(String taskId, String decision) {
        HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task == null || decision == null) {
            return Optional.empty();
        }
        // An admin may have deleted the version's deployment, its history kept: the words are gone with the model.
        // Asked first, since a failed engine call would mark the caller's transaction for rollback.
        if (repository.createProcessDefinitionQuery().processDefinitionId(task.getProcessDefinitionId()).count() == 0
                || !(repository.getBpmnModelInstance(task.getProcessDefinitionId())
                        .getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask step)
                || step.getExtensionElements() == null) {
            return Optional.empty();
        }
        return step.getExtensionElements().getElementsQuery().filterByType(CamundaFormData.class).list().stream()
                .flatMap(form -> form.getCamundaFormFields().stream())
                .filter(field -> "decision".equals(field.getCamundaId()))
                .flatMap(field -> field.getCamundaValues().stream())
                .filter(value -> decision.equals(value.getCamundaId()))
                .map(CamundaValue::getCamundaName).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The decision taken on a task, once someone took it. */
    @Transactional(readOnly = true)
    public Optional<HistoryEntry> decisionOn(String taskId) {
        return decisions.findByTaskId(taskId).map(this::entryOf);
    }

    /** Whether a decision must say why (a comment, or the form's "reason"). */
    public static boolean needsAReason(String decision) {
        return decision != null && NEED_A_COMMENT.contains(decision);
    }

    /**
     * Completes a task as the person: 404 if they may not see its request, 403 if it does not wait for them,
     * 409 naming who completed it or ended its round, 400 for a decision or field the form does not allow.
     */
    @Transactional
    public void complete(Person person, String taskId, String decision, String comment, Map<String, Object> fields,
            Channel channel) {
        complete(person, taskId, decision, comment, fields, channel, Client.UNKNOWN);
    }

    /** As above, recording where the person acted from: a signature keeps it as evidence. */
    @Transactional
    public void complete(Person person, String taskId, String decision, String comment, Map<String, Object> fields,
            Channel channel, Client client) {
        access.requireMayChange(person);
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw finished(person, taskId);
        }
        String reference = businessKey(task.getProcessInstanceId());
        mustSee(person, reference, taskId);
        VariableMap submitted;
        try (PeopleService.ActingAs acting = people.actAs(person)) {
            List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
            if (!access.canComplete(person, task.getAssignee(), candidates(links, true), candidates(links, false))) {
                throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request "
                        + reference + " waits for " + waitsFor(task, links) + "; you are not one of them.");
            }
            submitted = formValues(taskId, decision, comment, fields == null ? Map.of() : fields);
            tasks.setVariableLocal(taskId, TaskLifecycleRecorder.CHANNEL_VARIABLE, channel.code());
            if (client.ip() != null) {
                tasks.setVariableLocal(taskId, "clientIp", client.ip());
            }
            if (client.userAgent() != null) {
                tasks.setVariableLocal(taskId, "userAgent", client.userAgent());
            }
            forms.submitTaskForm(taskId, submitted);
        } catch (OptimisticLockingException concurrentCompletion) {
            throw completedMeanwhile(person, task);
        } catch (FormFieldValidatorException invalid) {
            throw StewardProblem.invalid(Map.of(invalid.getId(), "required".equals(invalid.getName())
                    ? "This field is required." : "This value is not allowed here (" + invalid.getName() + ")."));
        } catch (StewardProblem problem) {
            throw problem;
        } catch (RuntimeException failure) {
            // The task went between our reading it and acting on it: someone else completed it meanwhile. The engine
            // then fails in ways of its own (optimistic locking, a missing entity, a null process instance).
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw completedMeanwhile(person, task);
            }
            throw StewardProblem.in(failure).map(RuntimeException.class::cast).orElse(failure);
        }
    }

    /**
     * The answer to the second of two completions at one moment: who completed the task and how, once their decision
     * is saved (it is, when the engine reports the clash: the first transaction committed before ours failed).
     */
    private StewardProblem completedMeanwhile(Person person, Task task) {
        if (decisions.findByTaskId(task.getId()).isPresent()) {
            return finished(person, task.getId());
        }
        return new StewardProblem(Kind.CONFLICT, "Someone else completed the task \"" + task.getName()
                + "\" at the same moment. Reload the request to see what they decided.");
    }

    /**
     * Who did what on a request, in the order it happened (the audit trail's order, since times may tie within a
     * second): its submission, revisions and withdrawal, and every decision.
     */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(String reference) {
        Map<String, Decision> byTask = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .collect(Collectors.toMap(Decision::getTaskId, d -> d, (a, b) -> a));
        List<HistoryEntry> entries = new ArrayList<>();
        for (AuditEvent event : audit.of(reference)) {
            if (REQUESTER_STEPS.contains(event.getType())) {
                String step = event.getType().toLowerCase();
                entries.add(new HistoryEntry(event.getOccurredAt(), event.getActor(), people.displayName(event.getActor()),
                        step, "Request " + step, step, "WITHDRAWN".equals(event.getType()) ? event.getDetail() : null,
                        event.getChannel(), null));
            } else if ("TASK_COMPLETED".equals(event.getType()) && byTask.containsKey(event.getTaskId())) {
                entries.add(entryOf(byTask.get(event.getTaskId())));
            } else {
                audit.onTimeline(event).ifPresent(t -> entries.add(new HistoryEntry(t.time(), t.actor(),
                        people.displayName(t.actor()), t.step(), t.stepName(), t.outcome(), t.comment(), t.channel(),
                        t.outcomeWords())));
            }
        }
        return entries;
    }

    private HistoryEntry entryOf(Decision d) {
        return new HistoryEntry(d.getDecidedAt(), d.getActor(), people.displayName(d.getActor()), d.getStep(),
                d.getStepName(), d.getOutcome(), d.getComment(), d.getChannel(),
                decisionLabel(d.getTaskId(), d.getOutcome()).orElse(null));
    }

    private VariableMap formValues(String taskId, String decision, String comment, Map<String, Object> fields) {
        List<FormField> formFields = forms.getTaskFormData(taskId).getFormFields();
        Map<String, FormField> byId = formFields.stream()
                .collect(Collectors.toMap(FormField::getId, f -> f, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> errors = new LinkedHashMap<>();
        VariableMap values = Variables.createVariables();
        FormField decisionField = byId.get("decision");
        if (decisionField != null) {
            List<String> allowed = enumValues(decisionField).stream().map(TaskView.Option::id).toList();
            if (decision == null || decision.isBlank()) {
                errors.put("decision", "Choose a decision: " + String.join(", ", allowed) + ".");
            } else if (!allowed.contains(decision)) {
                errors.put("decision", "\"" + decision + "\" is not a decision this step allows. Choose one of: "
                        + String.join(", ", allowed) + ".");
            } else {
                values.putValue("decision", decision);
            }
        }
        // Signing says why in its own field, "reason"; other steps in "comment".
        boolean saysWhy = !blank(comment) || byId.containsKey("reason") && !blank(fields.get("reason"));
        if (decision != null && NEED_A_COMMENT.contains(decision) && !saysWhy) {
            errors.put(byId.containsKey("reason") ? "fields.reason" : "comment",
                    "Say why: a reason is required to " + describe(decision) + ".");
        }
        if ("approve_with_conditions".equals(decision) && blank(fields.get("conditions"))) {
            errors.put("fields.conditions", "Write the conditions: they go into the agreement word for word.");
        }
        FieldLimit.DECISION_COMMENT.check(errors, "comment", comment);
        if (byId.containsKey("comment")) {
            values.putValue("comment", comment);
        } else if (byId.containsKey("reason") && !blank(comment) && blank(fields.get("reason"))) {
            // A step that asks for a "reason" (signing) takes a comment as its reason rather than losing it.
            values.putValue("reason", comment);
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            FormField formField = byId.get(field.getKey());
            if (formField == null || "decision".equals(field.getKey()) || "comment".equals(field.getKey())) {
                errors.put("fields." + field.getKey(), "This step has no field \"" + field.getKey() + "\". Its fields are: "
                        + String.join(", ", byId.keySet()) + ".");
                continue;
            }
            convert(formField, field.getValue(), errors).ifPresent(v -> values.putValue(field.getKey(), v));
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        return values;
    }

    private Optional<Object> convert(FormField field, Object value, Map<String, String> errors) {
        String key = "fields." + field.getId();
        if (value == null) {
            return Optional.empty();
        }
        switch (field.getTypeName()) {
            case "long" -> {
                if (value instanceof Number n) {
                    return Optional.of(n.longValue());
                }
                try {
                    return Optional.of(Long.parseLong(value.toString().trim()));
                } catch (NumberFormatException e) {
                    errors.put(key, "Enter a whole number.");
                }
            }
            case "boolean" -> {
                if (value instanceof Boolean b) {
                    return Optional.of(b);
                }
                String text = value.toString().trim();
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Optional.of(Boolean.parseBoolean(text));
                }
                errors.put(key, "Answer yes (true) or no (false).");
            }
            case "date" -> {
                String text = value.toString().trim();
                for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, CAMUNDA_DATE)) {
                    try {
                        LocalDate date = LocalDate.parse(text, format);
                        if (!DateLimit.check(errors, key, date)) {
                            return Optional.empty();
                        }
                        return Optional.of(Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant()));
                    } catch (DateTimeParseException notThisFormat) {
                        // try the next one
                    }
                }
                errors.put(key, "Enter a date like 2027-01-31.");
            }
            case "enum" -> {
                List<String> allowed = enumValues(field).stream().map(TaskView.Option::id).toList();
                if (allowed.contains(value.toString())) {
                    return Optional.of(value.toString());
                }
                errors.put(key, "Choose one of: " + String.join(", ", allowed) + ".");
            }
            default -> {
                String text = value.toString();
                return TEXT_LIMITS.getOrDefault(field.getId(), FieldLimit.FORM_TEXT).check(errors, key, text)
                        ? Optional.of(text) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private StewardProblem finished(Person person, String taskId) {
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (done == null) {
            return StewardProblem.notFound("Task " + taskId);
        }
        String reference = businessKey(done.getProcessInstanceId());
        mustSee(person, reference, taskId);
        Optional<Decision> decided = decisions.findByTaskId(taskId);
        if (decided.isPresent()) {
            Decision d = decided.get();
            return new StewardProblem(Kind.CONFLICT, "The task \"" + done.getName() + "\" was already completed by "
                    + people.displayName(d.getActor()) + " (" + d.getActor() + ") on " + d.getDecidedAt()
                    + " with the decision \"" + d.getOutcome() + "\".");
        }
        Instant ended = done.getEndTime() == null ? Instant.now() : done.getEndTime().toInstant();
        Optional<Decision> ender = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .filter(d -> END_A_ROUND.contains(d.getOutcome()) && !d.getDecidedAt().isAfter(ended))
                .reduce((first, second) -> second);
        return new StewardProblem(Kind.CONFLICT, ender.map(d -> "The task \"" + done.getName() + "\" was cancelled on "
                + ended + " because " + people.displayName(d.getActor()) + " (" + d.getActor() + ") chose \""
                + d.getOutcome() + "\" at the step \"" + d.getStepName() + "\", which ended the round.")
                .orElse("The task \"" + done.getName() + "\" was cancelled on " + ended
                        + " because the request moved on."));
    }

    /** An open task the person may see: 404 when they may not see it or it never existed, 409 when it is done. */
    private Task openTask(Person person, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw finished(person, taskId);
        }
        mustSee(person, businessKey(task.getProcessInstanceId()), taskId);
        return task;
    }

    /** A task on a request the person may not see answers exactly as a task that does not exist. */
    private void mustSee(Person person, String reference, String taskId) {
        if (reference == null || requests.byReference(reference).filter(r -> access.canSee(person, r)).isEmpty()) {
            throw StewardProblem.notFound("Task " + taskId);
        }
    }

    private List<TaskView> views(List<Task> found) {
        Map<String, String> keys = new HashMap<>();
        Set<String> instanceIds = found.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (!instanceIds.isEmpty()) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list()) {
                keys.put(instance.getId(), instance.getBusinessKey());
            }
        }
        List<TaskView> views = new ArrayList<>();
        for (Task task : found) {
            List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
            views.add(new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(),
                    keys.get(task.getProcessInstanceId()), candidates(links, false), task.getAssignee(),
                    instant(task.getCreateTime()), instant(task.getDueDate()), fields(task.getId())));
        }
        return views;
    }

    private List<TaskView.FormFieldView> fields(String taskId) {
        return forms.getTaskFormData(taskId).getFormFields().stream()
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

    private String businessKey(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private static List<String> candidates(List<IdentityLink> links, boolean users) {
        return links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(l -> users ? l.getUserId() : l.getGroupId()).filter(v -> v != null).toList();
    }

    private static String waitsFor(Task task, List<IdentityLink> links) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        List<String> who = new ArrayList<>(candidates(links, false));
        who.addAll(candidates(links, true));
        return who.isEmpty() ? "nobody yet" : "the group(s) " + String.join(", ", who);
    }

    private static String describe(String decision) {
        return switch (decision) {
            case "changes" -> "ask for changes";
            default -> decision;
        };
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    /**
     * An open task as one person sees it: the task, its documentation, whether they may complete it now, whether
     * they are one of its candidates (so may take it or hand it back), who it waits for, and its form's validation
     * constraints (name to configuration, by field id) and prefilled values (by field id, dates as 2027-01-31).
     */
    public record TaskDetail(TaskView view, String description, boolean mayComplete, boolean candidate,
            String waitsFor, Map<String, Map<String, String>> constraints, Map<String, String> values) {
    }

    /** Where a person acted from, kept as evidence with a signature. */
    public record Client(String ip, String userAgent) {
        /** For calls that have no connection to record. */
        public static final Client UNKNOWN = new Client(null, null);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
