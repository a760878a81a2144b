package org.steward.workflow.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What was decided on a request's tasks, by whom and how, in the words of the steps' models. */
@Service
public class DecisionHistory {

    /** Audit events that the timeline shows beside the decisions. */
    static final Set<AuditEventType> REQUESTER_STEPS = Set.of(AuditEventType.SUBMITTED, AuditEventType.REVISED,
            AuditEventType.WITHDRAWN);

    private final DecisionRepository decisions;
    private final AuditTrail audit;
    private final PeopleService people;
    private final HistoryService history;
    private final RepositoryService repository;

    DecisionHistory(DecisionRepository decisions, AuditTrail audit, PeopleService people, HistoryService history,
            RepositoryService repository) {
        this.decisions = decisions;
        this.audit = audit;
        this.people = people;
        this.history = history;
        this.repository = repository;
    }

    /**
     * Who did what on a request, in the order it happened (the audit trail's order, since times may tie within a
     * second): its submission, revisions and withdrawal, and every decision.
     */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(String reference) {
        Map<String, Decision> byTask = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .collect(Collectors.toMap(Decision::getTaskId, d -> d, (a, b) -> a));
        // Read once for the whole timeline: each person's name, the request's tasks, each model's words.
        Map<String, String> names = new HashMap<>();
        Function<String, String> name = id -> id == null ? null : names.computeIfAbsent(id, people::displayName);
        Map<String, HistoricTaskInstance> tasks = byTask.isEmpty() ? Map.of()
                : history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference).list().stream()
                        .collect(Collectors.toMap(HistoricTaskInstance::getId, t -> t, (a, b) -> a));
        Map<String, Optional<String>> labels = new HashMap<>();
        List<HistoryEntry> entries = new ArrayList<>();
        for (AuditEvent event : audit.of(reference)) {
            if (REQUESTER_STEPS.contains(event.getEventType())) {
                String step = event.getType().toLowerCase();
                entries.add(new HistoryEntry(event.getOccurredAt(), event.getActor(), name.apply(event.getActor()),
                        step, "Request " + step, step, event.getEventType() == AuditEventType.WITHDRAWN ? event.getDetail() : null,
                        event.getChannel(), null));
            } else if (event.getEventType() == AuditEventType.TASK_COMPLETED && byTask.containsKey(event.getTaskId())) {
                Decision d = byTask.get(event.getTaskId());
                HistoricTaskInstance task = tasks.get(d.getTaskId());
                String label = task == null ? decisionLabel(d.getTaskId(), d.getOutcome()).orElse(null)
                        : labels.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey()
                                + "#" + d.getOutcome(), key -> label(task, d.getOutcome())).orElse(null);
                entries.add(entryOf(d, name.apply(d.getActor()), label));
            } else {
                audit.onTimeline(event).ifPresent(t -> entries.add(new HistoryEntry(t.time(), t.actor(),
                        name.apply(t.actor()), t.step(), t.stepName(), t.outcome(), t.comment(), t.channel(),
                        t.outcomeWords())));
            }
        }
        return entries;
    }

    /** The decision taken on a task, once someone took it. */
    @Transactional(readOnly = true)
    public Optional<HistoryEntry> decisionOn(String taskId) {
        return decisions.findByTaskId(taskId).map(this::entryOf);
    }

    /**
     * A decision's words as the task's model names them ("Approve" for approve), also once the task is done and its
     * form can no longer be read.
     */
    @Transactional(readOnly = true)
    public Optional<String> decisionLabel(String taskId, String decision) {
        HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        return task == null ? Optional.empty() : label(task, decision);
    }

    private Optional<String> label(HistoricTaskInstance task, String decision) {
        if (decision == null) {
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
                .map(CamundaValue::getCamundaName).filter(Objects::nonNull).findFirst();
    }

    private HistoryEntry entryOf(Decision d) {
        return entryOf(d, people.displayName(d.getActor()), decisionLabel(d.getTaskId(), d.getOutcome()).orElse(null));
    }

    private static HistoryEntry entryOf(Decision d, String actorName, String label) {
        return new HistoryEntry(d.getDecidedAt(), d.getActor(), actorName, d.getStep(), d.getStepName(),
                d.getOutcome(), d.getComment(), d.getChannel(), label);
    }
}
