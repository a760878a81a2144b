package org.steward.workflow.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;
import org.steward.workflow.request.RequestService;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads one task as the inbox and the commands need it: whether a person may see it, who it waits for, its form. */
@Component
class TaskLookup {

    private final TaskService tasks;
    private final FormService forms;
    private final HistoryService history;
    private final RequestService requests;
    private final AccessPolicy access;
    private final DecisionRepository decisions;
    private final PeopleService people;
    private final ManagementService management;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate afresh;

    TaskLookup(TaskService tasks, FormService forms, HistoryService history, RequestService requests,
            AccessPolicy access, DecisionRepository decisions, PeopleService people, ManagementService management,
            NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.afresh = new TransactionTemplate(transactions);
        this.afresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.afresh.setReadOnly(true);
        this.management = management;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.forms = forms;
        this.history = history;
        this.requests = requests;
        this.access = access;
        this.decisions = decisions;
        this.people = people;
    }

    /** An open task the person may see: 404 when they may not see it or it never existed, 409 when it is done. */
    Task openTask(Person person, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw finished(person, taskId);
        }
        mustSee(person, businessKey(task.getProcessInstanceId()), taskId);
        return task;
    }

    /** A task on a request the person may not see answers exactly as a task that does not exist. */
    void mustSee(Person person, String reference, String taskId) {
        if (reference == null || requests.byReference(reference).filter(r -> access.canSee(person, r)).isEmpty()) {
            throw StewardProblem.notFound("Task " + taskId);
        }
    }

    String businessKey(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    /** The reference of the request a task, open or done, belongs to, in one query; empty for an unknown task. */
    Optional<String> referenceOf(String taskId) {
        String sql = "select P.BUSINESS_KEY_ from " + management.getTableName(HistoricTaskInstanceEntity.class)
                + " T join " + management.getTableName(HistoricProcessInstanceEntity.class)
                + " P on P.ID_ = T.PROC_INST_ID_ where T.ID_ = :id";
        return jdbc.queryForList(sql, Map.of("id", taskId), String.class).stream().filter(key -> key != null)
                .findFirst();
    }

    List<IdentityLink> links(String taskId) {
        return tasks.getIdentityLinksForTask(taskId);
    }

    List<FormField> form(String taskId) {
        return forms.getTaskFormData(taskId).getFormFields();
    }

    /** The task's form, or empty when the task was completed since it was listed. */
    Optional<List<FormField>> formIfOpen(String taskId) {
        try {
            // In a transaction of its own: the engine spoils the one it fails in, which may be the caller's.
            return Optional.of(afresh.execute(status -> form(taskId)));
        } catch (ProcessEngineException | NullPointerException gone) {
            // The engine reads the task, then its execution, in separate statements; under READ COMMITTED (MariaDB)
            // a completion between the two leaves the execution null and the engine fails with a bare NPE.
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                return Optional.empty();
            }
            throw gone;
        }
    }

    /**
     * The candidate groups of many tasks in one query, by task id; a task that no longer exists has none. The
     * engine's API reads one task's links per call, and fails for a task completed meanwhile.
     */
    Map<String, List<String>> candidateGroups(List<String> taskIds) {
        Map<String, List<String>> groups = new HashMap<>();
        if (taskIds.isEmpty()) {
            return groups;
        }
        String sql = "select TASK_ID_, GROUP_ID_ from " + management.getTableName(IdentityLinkEntity.class)
                + " where TYPE_ = 'candidate' and GROUP_ID_ is not null and TASK_ID_ in (:ids) order by ID_";
        jdbc.query(sql, Map.of("ids", taskIds), row -> {
            groups.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
        });
        return groups;
    }

    /**
     * The names of the steps among the open tasks the inbox shows a person (assigned to them, or offered to them or
     * their groups), sorted, in one query: the filter of the inbox offers these.
     */
    List<String> stepNames(String userId, Set<String> groups) {
        String candidates = groups.isEmpty() ? "I.USER_ID_ = :user" : "(I.USER_ID_ = :user or I.GROUP_ID_ in (:groups))";
        String sql = "select distinct T.NAME_ from " + management.getTableName(TaskEntity.class) + " T where "
                + "T.SUSPENSION_STATE_ = 1 and T.NAME_ is not null and (T.ASSIGNEE_ = :user or exists (select 1 from "
                + management.getTableName(IdentityLinkEntity.class) + " I where I.TASK_ID_ = T.ID_ and I.TYPE_ = "
                + "'candidate' and " + candidates + ")) order by T.NAME_";
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("user", userId);
        parameters.put("groups", List.copyOf(groups));
        return jdbc.queryForList(sql, parameters, String.class);
    }

    /**
     * As {@link #mayComplete}, with the task's candidates read from the engine's table: the engine's own read fails
     * (and spoils the transaction around it) when the task is completed meanwhile; this one finds no candidates.
     */
    boolean mayCompleteFromTable(Person person, Task task) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String sql = "select USER_ID_, GROUP_ID_ from " + management.getTableName(IdentityLinkEntity.class)
                + " where TYPE_ = 'candidate' and TASK_ID_ = :id order by ID_";
        jdbc.query(sql, Map.of("id", task.getId()), row -> {
            if (row.getString(1) != null) {
                users.add(row.getString(1));
            }
            if (row.getString(2) != null) {
                groups.add(row.getString(2));
            }
        });
        return access.canComplete(person, task.getAssignee(), users, groups);
    }

    boolean mayComplete(Person person, Task task, List<IdentityLink> links) {
        return access.canComplete(person, task.getAssignee(), candidates(links, true), candidates(links, false));
    }

    /** Whether the person is one of those the task waits for, whoever has taken it. */
    boolean isCandidate(Person person, List<IdentityLink> links) {
        return access.canComplete(person, null, candidates(links, true), candidates(links, false));
    }

    static List<String> candidates(List<IdentityLink> links, boolean users) {
        return links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(l -> users ? l.getUserId() : l.getGroupId()).filter(v -> v != null).toList();
    }

    static String waitsFor(Task task, List<IdentityLink> links) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        List<String> who = new ArrayList<>(candidates(links, false));
        who.addAll(candidates(links, true));
        return who.isEmpty() ? "nobody yet" : "the group(s) " + String.join(", ", who);
    }

    /** Why a task is no longer open, for someone who may see it: who completed it, or whose decision ended its round. */
    StewardProblem finished(Person person, String taskId) {
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (done == null) {
            return StewardProblem.notFound("Task " + taskId);
        }
        String reference = businessKey(done.getProcessInstanceId());
        mustSee(person, reference, taskId);
        Optional<Decision> decided = decisions.findByTaskId(taskId);
        if (decided.isPresent()) {
            return decidedBy(done.getName(), decided.get());
        }
        Instant ended = done.getEndTime() == null ? Instant.now() : done.getEndTime().toInstant();
        Optional<Decision> ender = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .filter(d -> DecisionRules.END_A_ROUND.contains(d.getOutcome()) && !d.getDecidedAt().isAfter(ended))
                .reduce((first, second) -> second);
        return new StewardProblem(Kind.CONFLICT, ender.map(d -> "The task \"" + done.getName() + "\" was cancelled on "
                + ended + " because " + people.displayName(d.getActor()) + " (" + d.getActor() + ") chose \""
                + d.getOutcome() + "\" at the step \"" + d.getStepName() + "\", which ended the round.")
                .orElse("The task \"" + done.getName() + "\" was cancelled on " + ended
                        + " because the request moved on."));
    }

    /** The answer to the later of two decisions on one task: who took the earlier one, what and when. */
    StewardProblem decidedBy(String taskName, Decision d) {
        return new StewardProblem(Kind.CONFLICT, "The task \"" + taskName + "\" was already completed by "
                + people.displayName(d.getActor()) + " (" + d.getActor() + ") on " + d.getDecidedAt()
                + " with the decision \"" + d.getOutcome() + "\".");
    }
}
