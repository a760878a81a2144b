package org.steward.workflow.version;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/**
 * Moves running requests from one version of a process to another, for admins: the engine's migration plan between
 * the two (steps matched by element id), checked first for each request, then carried out one request at a time so
 * that a request that cannot move does not hold back the others. Requests nobody moves stay on their version. A moved
 * request keeps the dates its waiting steps' reminders and escalations were due on.
 */
@Service
public class RequestMigration {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final ProcessVersions versions;
    private final PeopleService people;
    private final AuditTrail audit;
    private final TransactionTemplate eachAlone;

    RequestMigration(RepositoryService repository, RuntimeService runtime, HistoryService history,
            ManagementService management, ProcessVersions versions, PeopleService people, AuditTrail audit,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.versions = versions;
        this.people = people;
        this.audit = audit;
        this.eachAlone = new TransactionTemplate(transactions);
        this.eachAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * What moving the requests of one version to another would do: the engine's refusal of the plan, or the steps it
     * carries over and those with no counterpart; and for each running request whether it can move, and why not.
     */
    public record Preview(ModelVersion source, ModelVersion target, List<String> refusal, List<String> carriedOver,
            List<String> withoutCounterpart, List<Candidate> requests) {

        public boolean accepted() {
            return refusal.isEmpty();
        }

        public long movable() {
            return requests.stream().filter(Candidate::movable).count();
        }
    }

    /** A running request and the reasons it cannot move (none when it can). */
    public record Candidate(RunningRequest request, List<String> problems) {

        public boolean movable() {
            return problems.isEmpty();
        }
    }

    /** What happened to one request chosen to move. */
    public record Outcome(RunningRequest request, boolean moved, List<String> reasons) {
    }

    /** What a move did: the plan's refusal (then nothing moved), or the outcome for each chosen request. */
    public record Result(ModelVersion source, ModelVersion target, List<String> refusal, List<Outcome> outcomes) {

        public long moved() {
            return outcomes.stream().filter(Outcome::moved).count();
        }

        public long notMoved() {
            return outcomes.size() - moved();
        }
    }

    /**
     * Checks the move without moving anything: each request is moved in a transaction that is then rolled back, so the
     * answer is the engine's own, request by request.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Preview preview(Person admin, String sourceId, String targetId) {
        PeopleService.requireAdmin(admin);
        Pair pair = pair(sourceId, targetId);
        Planned planned = plan(pair);
        List<RunningRequest> running = versions.running(sourceId);
        if (planned.plan() == null) {
            return new Preview(pair.source(), pair.target(), planned.refusal(), List.of(), List.of(),
                    running.stream().map(r -> new Candidate(r, List.of("The plan is refused: see above."))).toList());
        }
        Set<String> mapped = planned.plan().getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
                .collect(Collectors.toSet());
        List<String> carriedOver = new ArrayList<>();
        for (MigrationInstruction instruction : planned.plan().getInstructions()) {
            String from = pair.sourceSteps().label(instruction.getSourceActivityId());
            carriedOver.add(instruction.getTargetActivityId().equals(instruction.getSourceActivityId()) ? from
                    : from + " to " + pair.targetSteps().label(instruction.getTargetActivityId()));
        }
        List<String> unmatched = waitingPlaces(pair.sourceModel()).stream().filter(id -> !mapped.contains(id))
                .map(pair.sourceSteps()::label).toList();
        List<Candidate> candidates = running.stream()
                .map(request -> new Candidate(request, move(admin, pair, planned.plan(), request, true))).toList();
        return new Preview(pair.source(), pair.target(), List.of(), carriedOver, unmatched, candidates);
    }

    /**
     * Moves the chosen process instances of the source version to the target version, each in its own transaction,
     * and writes each move to the request's audit trail. A request that is no longer on the source version, or that
     * the engine will not move, is reported and left as it is.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Result migrate(Person admin, String sourceId, String targetId, List<String> processInstanceIds) {
        PeopleService.requireAdmin(admin);
        Pair pair = pair(sourceId, targetId);
        Set<String> chosen = new LinkedHashSet<>(processInstanceIds == null ? List.of() : processInstanceIds);
        chosen.removeIf(id -> id == null || id.isBlank());
        if (chosen.isEmpty()) {
            throw StewardProblem.invalid(Map.of("requests", "Choose at least one request to move."));
        }
        Planned planned = plan(pair);
        if (planned.plan() == null) {
            return new Result(pair.source(), pair.target(), planned.refusal(), List.of());
        }
        Map<String, RunningRequest> running = versions.running(sourceId).stream()
                .collect(Collectors.toMap(RunningRequest::processInstanceId, Function.identity()));
        List<Outcome> outcomes = new ArrayList<>();
        for (String id : chosen) {
            RunningRequest request = running.get(id);
            if (request == null) {
                outcomes.add(new Outcome(elsewhere(id), false, List.of("It is no longer on version "
                        + pair.source().version() + ": it has finished, or was moved already.")));
                continue;
            }
            List<String> problems = move(admin, pair, planned.plan(), request, false);
            outcomes.add(new Outcome(request, problems.isEmpty(), problems));
        }
        return new Result(pair.source(), pair.target(), List.of(), outcomes);
    }

    // ---- The engine's plan and its execution

    private record Pair(ModelVersion source, ModelVersion target, BpmnModelInstance sourceModel,
            MigrationWords.Steps sourceSteps, MigrationWords.Steps targetSteps) {
    }

    private record Planned(MigrationPlan plan, List<String> refusal) {
    }

    /** The two versions, both of the same process and not the same one. */
    private Pair pair(String sourceId, String targetId) {
        ModelVersion source = versions.find(sourceId).filter(ModelVersion::process)
                .orElseThrow(() -> ProcessVersions.notFound(sourceId));
        if (targetId == null || targetId.isBlank()) {
            throw StewardProblem.invalid(Map.of("target", "Choose the version to move the requests to."));
        }
        ModelVersion target = versions.find(targetId).filter(ModelVersion::process)
                .filter(t -> t.key().equals(source.key())).orElseThrow(() -> StewardProblem.invalid(Map.of("target",
                        "Choose one of the versions of " + source.title() + " listed.")));
        if (target.definitionId().equals(source.definitionId())) {
            throw StewardProblem.invalid(Map.of("target", "The requests are on version " + source.version()
                    + " already. Choose another version to move them to."));
        }
        BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.definitionId());
        return new Pair(source, target, sourceModel, steps(source, sourceModel),
                steps(target, repository.getBpmnModelInstance(target.definitionId())));
    }

    /** The engine's plan: steps with the same id carried over, their event triggers updated to the new version's. */
    private Planned plan(Pair pair) {
        try {
            return new Planned(runtime.createMigrationPlan(pair.source().definitionId(), pair.target().definitionId())
                    .mapEqualActivities().updateEventTriggers().build(), List.of());
        } catch (MigrationPlanValidationException refused) {
            List<String> lines = MigrationWords.plan(refused.getValidationReport(), pair.sourceSteps(),
                    pair.targetSteps());
            return new Planned(null, lines.isEmpty() ? List.of(refused.getMessage()) : lines);
        }
    }

    /**
     * Moves one request in a transaction of its own and answers why it did not move (nothing when it did). A check
     * rolls the move back; a real move is written to the request's audit trail in the same transaction.
     */
    private List<String> move(Person admin, Pair pair, MigrationPlan plan, RunningRequest request, boolean check) {
        try {
            eachAlone.executeWithoutResult(status -> {
                Map<String, Date> timers = timerDates(request.processInstanceId());
                try (PeopleService.ActingAs acting = people.actAs(admin)) {
                    runtime.newMigration(plan).processInstanceIds(request.processInstanceId()).execute();
                }
                keepTimerDates(request.processInstanceId(), timers);
                if (check) {
                    status.setRollbackOnly();
                } else if (request.reference() != null && !request.reference().isBlank()) {
                    audit.record(request.reference(), AuditEventType.PROCESS_VERSION_CHANGED, admin.id(),
                            AuditTrail.WEB,
                            new AuditDetail.VersionMoved(pair.source().key(), pair.source().version(),
                                    pair.target().version()));
                }
            });
            return List.of();
        } catch (MigratingProcessInstanceValidationException refused) {
            return MigrationWords.instance(refused.getValidationReport(), pair.sourceSteps(), pair.targetSteps());
        } catch (MigrationPlanValidationException refused) {
            return MigrationWords.plan(refused.getValidationReport(), pair.sourceSteps(), pair.targetSteps());
        } catch (OptimisticLockingException raced) {
            return List.of("Someone acted on it at the same moment, so it was not moved. Try again.");
        } catch (ProcessEngineException refused) {
            return List.of("The engine refused to move it: " + refused.getMessage());
        }
    }

    /**
     * The due dates of the request's timers (reminders, escalations, deadlines), each by the execution and step it
     * waits at: the engine recreates a timer that a move updates, counting from the moment of the move.
     */
    private Map<String, Date> timerDates(String processInstanceId) {
        Map<String, Date> dates = new HashMap<>();
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            timerKey(job).ifPresent(key -> dates.put(key, job.getDuedate()));
        }
        return dates;
    }

    /** Gives each timer that waits at the same step of the same execution after the move its date from before. */
    private void keepTimerDates(String processInstanceId, Map<String, Date> before) {
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            timerKey(job).map(before::get).filter(due -> !due.equals(job.getDuedate()))
                    .ifPresent(due -> management.setJobDuedate(job.getId(), due));
        }
    }

    private Optional<String> timerKey(Job job) {
        JobDefinition definition = job.getJobDefinitionId() == null ? null
                : management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition == null || definition.getActivityId() == null ? Optional.empty()
                : Optional.of(job.getExecutionId() + "/" + definition.getActivityId());
    }

    /** A chosen instance that is not on the source version (any more): named as far as history knows it. */
    private RunningRequest elsewhere(String processInstanceId) {
        HistoricProcessInstance known = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return new RunningRequest(processInstanceId, known == null ? null : known.getBusinessKey(), null, null, null,
                List.of(), known == null || known.getStartTime() == null ? null : known.getStartTime().toInstant());
    }

    private static MigrationWords.Steps steps(ModelVersion version, BpmnModelInstance model) {
        Map<String, String> names = new HashMap<>();
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (element.getId() != null && element.getName() != null) {
                names.put(element.getId(), element.getName());
            }
        }
        return new MigrationWords.Steps(version.version(), names);
    }

    /**
     * The steps where a request can wait (user and receive tasks, subprocesses, catching events, and any step with an
     * asynchronous continuation), in the model's order; a service task that runs straight through is never waited at.
     */
    private static List<String> waitingPlaces(BpmnModelInstance model) {
        List<String> ids = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node instanceof UserTask || node instanceof ReceiveTask || node instanceof SubProcess
                    || node instanceof CallActivity || node instanceof IntermediateCatchEvent
                    || node instanceof EventBasedGateway || node.isCamundaAsyncBefore()
                    || node.isCamundaAsyncAfter()) {
                ids.add(node.getId());
            }
        }
        return ids;
    }
}
