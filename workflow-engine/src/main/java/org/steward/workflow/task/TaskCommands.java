package org.steward.workflow.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.logs.LogContext;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What people do to tasks: take one, hand it back, and decide it (the one way every decision is taken). */
@Service
public class TaskCommands {

    private static final Logger log = LoggerFactory.getLogger(TaskCommands.class);

    private final TaskService tasks;
    private final FormService forms;
    private final TaskLookup lookup;
    private final AccessPolicy access;
    private final PeopleService people;
    private final DecisionRepository decisions;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate afresh;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate inOne;

    TaskCommands(TaskService tasks, FormService forms, TaskLookup lookup, AccessPolicy access, PeopleService people,
            DecisionRepository decisions, AuditTrail audit, Clock clock, ObjectMapper json,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.tasks = tasks;
        this.forms = forms;
        this.lookup = lookup;
        this.access = access;
        this.people = people;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.afresh = new TransactionTemplate(transactions);
        this.afresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.afresh.setReadOnly(true);
        this.inOne = new TransactionTemplate(transactions);
    }

    /**
     * The person takes a task of their groups, so that nobody else works on it: 404 if they may not see its request,
     * 403 if they are not one of its candidates or someone else has it, 409 if it is no longer open.
     */
    @Transactional
    public void claim(Person person, String taskId) {
        access.requireMayChange(person);
        Task task = lookup.openTask(person, taskId);
        if (person.id().equals(task.getAssignee())) {
            return;
        }
        List<IdentityLink> links = lookup.links(taskId);
        String reference = lookup.businessKey(task.getProcessInstanceId());
        if (!lookup.mayComplete(person, task, links)) {
            throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request " + reference
                    + (task.getAssignee() != null ? " is already taken by " + people.displayName(task.getAssignee())
                            + " (" + task.getAssignee() + ")." : " waits for " + TaskLookup.waitsFor(task, links)
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
        Task task = lookup.openTask(person, taskId);
        List<IdentityLink> links = lookup.links(taskId);
        String reference = lookup.businessKey(task.getProcessInstanceId());
        if (!person.id().equals(task.getAssignee())) {
            throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request " + reference
                    + (task.getAssignee() == null ? " is not taken by anyone."
                            : " is taken by " + people.displayName(task.getAssignee()) + " (" + task.getAssignee()
                                    + "); only they can hand it back."));
        }
        if (!lookup.isCandidate(person, links)) {
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
     * Takes a decision on a task, from whichever page, API call or link it came: 404 if the person may not see its
     * request, 403 if it does not wait for them, 400 for a decision or field its form does not allow, 409 naming who
     * decided first when two decisions meet. The decision is recorded before the engine completes the task, so the
     * model's listeners read it and a second decision on the task waits for the first and then loses.
     * <p>
     * This method is the decision's transaction boundary when the caller has none (pages, API): if the engine meets
     * a job of the same task at the same moment (its reminder timer firing on another thread or node), the whole
     * decision is rolled back and taken once more in a fresh transaction, so the person sees no error. Callers with
     * a transaction of their own (email links) get the clash as it is.
     */
    public void decide(TaskDecision decision) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            decideOnce(decision);
            return;
        }
        try {
            inOne.executeWithoutResult(status -> decideOnce(decision));
        } catch (RuntimeException failure) {
            if (!clash(failure)) {
                throw failure;
            }
            // Nothing of the first try was kept; if the task went meanwhile, this try answers who decided (409).
            log.info("The decision of {} on task {} met another change of the same request at the same moment "
                    + "(a reminder, say); taking it once more.", decision.person().id(), decision.taskId());
            inOne.executeWithoutResult(status -> decideOnce(decision));
        }
    }

    /**
     * Whether the engine or the database refused because another transaction changed the same rows at once: a
     * decision so refused may be taken once more in a fresh transaction.
     */
    public static boolean clash(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockingException || t instanceof ConcurrencyFailureException
                    || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private void decideOnce(TaskDecision decision) {
        Person person = decision.person();
        if (!decision.bySigningLink()) {
            access.requireMayChange(person);
        }
        String taskId = decision.taskId();
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw decision.bySigningLink() ? noLongerWaitsForSignature() : lookup.finished(person, taskId);
        }
        try {
            decide(decision, task);
        } catch (StewardProblem problem) {
            // Refused on what was read of a task that someone else completed meanwhile (its candidates already
            // gone, say): the answer is who decided, not the refusal.
            throw gone(taskId) ? lost(decision, task) : problem;
        } catch (DataIntegrityViolationException decidedMeanwhile) {
            // The decision row is the meeting point: a second decision on the task waits for the first's and fails.
            throw lost(decision, task);
        } catch (RuntimeException failure) {
            // The task went between our first reading it and completing it (decided by someone else, or its round
            // ended by another decision): the engine then fails in ways of its own (a task not found, optimistic
            // locking, a missing process instance).
            if (gone(taskId)) {
                throw lost(decision, task);
            }
            throw StewardProblem.in(failure).map(RuntimeException.class::cast).orElse(failure);
        }
    }

    private void decide(TaskDecision decision, Task task) {
        Person person = decision.person();
        String taskId = task.getId();
        Map<String, Object> variables = tasks.getVariables(taskId, List.of("department", "round", "signatory"));
        String reference = lookup.businessKey(task.getProcessInstanceId());
        if (decision.bySigningLink()) {
            if (!"signAgreement".equals(task.getTaskDefinitionKey())
                    || !AgreementParty.EXTERNAL.equals(variables.get("signatory"))) {
                throw new StewardProblem(Kind.FORBIDDEN, "This step is not an outside party's signature.");
            }
        } else {
            lookup.mustSee(person, reference, taskId);
            List<IdentityLink> links = lookup.links(taskId);
            if (!lookup.mayComplete(person, task, links)) {
                throw new StewardProblem(Kind.FORBIDDEN, "The task \"" + task.getName() + "\" on request "
                        + reference + " waits for " + TaskLookup.waitsFor(task, links) + "; you are not one of them.");
            }
        }
        Map<String, Object> values = DecisionRules.check(Inbox.fields(lookup.form(taskId)).stream()
                .map(DecisionRules.Field::of).toList(), decision.decision(), decision.comment(), decision.fields());
        record(decision, task, reference, variables, values);
        try (PeopleService.ActingAs acting = people.actAs(person)) {
            forms.submitTaskForm(taskId, Variables.fromMap(values));
        } catch (FormFieldValidatorException invalid) {
            throw StewardProblem.invalid(Map.of(invalid.getId(), "required".equals(invalid.getName())
                    ? "This field is required." : "This value is not allowed here (" + invalid.getName() + ")."));
        }
        // An outside signatory's id holds their email address: the line names them as such, not by it.
        String who = decision.bySigningLink() ? "outside-signatory" : person.id();
        String outcome = decision.decision() == null || decision.decision().isBlank() ? "completed"
                : decision.decision();
        LogContext.afterCommit(reference, who, () -> log.info("Decided {} on step {} ({})", outcome,
                task.getTaskDefinitionKey(), decision.channel().code()));
    }

    /** Whether the task is no longer open, read afresh: what this transaction read of it may be stale. */
    private boolean gone(String taskId) {
        Long open = afresh.execute(status -> tasks.createTaskQuery().taskId(taskId).count());
        return open != null && open == 0;
    }

    /** The decision, recorded with the step it was taken on and where it came from, and its audit event. */
    private void record(TaskDecision decision, Task task, String reference, Map<String, Object> variables,
            Map<String, Object> values) {
        Object comment = values.get("comment") != null && !DecisionRules.blank(values.get("comment"))
                ? values.get("comment") : values.get("reason");
        String outcome = decision.decision() == null || decision.decision().isBlank() ? "completed"
                : decision.decision();
        decisions.saveAndFlush(new Decision(reference, task.getId(), task.getTaskDefinitionKey(), task.getName(),
                text(variables.get("department")), variables.get("round") instanceof Integer r ? r : null,
                decision.person().id(), outcome, text(comment), text(values.get("conditions")),
                decision.channel().code(), answers(values),
                task.getCreateTime() == null ? null : task.getCreateTime().toInstant(), clock.instant())
                .from(decision.client(), decision.actionLinkId(), decision.signingLinkId()));
        audit.recordForTask(reference, task.getId(), AuditEventType.TASK_COMPLETED, decision.person().id(),
                decision.channel().code(), new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(),
                        decision.decision() == null || decision.decision().isBlank() ? null : outcome));
        events.publishEvent(new DecisionRecorded(reference, task.getTaskDefinitionKey(), outcome,
                decision.channel().code()));
    }

    /** The answer to a decision that came second: who decided first, read afresh since ours was rolled back. */
    private StewardProblem lost(TaskDecision decision, Task task) {
        if (decision.bySigningLink()) {
            return new StewardProblem(Kind.CONFLICT, "The agreement was signed from another window at the same "
                    + "moment.");
        }
        Optional<Decision> first = afresh.execute(status -> decisions.findByTaskId(task.getId()));
        if (first != null && first.isPresent()) {
            return lookup.decidedBy(task.getName(), first.get());
        }
        StewardProblem ended = afresh.execute(status -> lookup.finished(decision.person(), task.getId()));
        return ended != null ? ended : new StewardProblem(Kind.CONFLICT, "Someone else completed the task \""
                + task.getName() + "\" at the same moment. Reload the request to see what they decided.");
    }

    private static StewardProblem noLongerWaitsForSignature() {
        return new StewardProblem(Kind.CONFLICT, "This agreement no longer waits for your signature: it was "
                + "signed, declined, or replaced by a new version.");
    }

    /** Every answer on the form that is plain text, a number or yes/no, as JSON. */
    private String answers(Map<String, Object> values) {
        Map<String, Object> answers = new TreeMap<>();
        values.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                answers.put(name, value);
            }
        });
        try {
            String text = json.writeValueAsString(answers);
            return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
        } catch (JsonProcessingException unlikely) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
