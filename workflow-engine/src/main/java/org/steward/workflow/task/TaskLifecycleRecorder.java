package org.steward.workflow.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.PartnerSignatureWaiting;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.steward.workflow.request.RequestParticipants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what happens to every user task of every model, an admin's new steps included: who is on the request,
 * the decision taken and by whom, and tasks cancelled when their round ended.
 */
@Component
class TaskLifecycleRecorder {

    /** Variables in a task's scope that are not answers of its form. */
    private static final Set<String> NOT_ANSWERS = Set.of("department",
            "signatory", "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");

    private final DecisionRepository decisions;
    private final RequestParticipants participants;
    private final AuditTrail audit;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;
    // A provider: the agreement service is built with the engine's building blocks, after this listener.
    private final ObjectProvider<AgreementService> agreements;

    TaskLifecycleRecorder(DecisionRepository decisions, RequestParticipants participants, AuditTrail audit,
            IdentityService identity, ApplicationEventPublisher events, Clock clock, ObjectMapper json,
            ObjectProvider<AgreementService> agreements) {
        this.agreements = agreements;
        this.json = json;
        this.decisions = decisions;
        this.participants = participants;
        this.audit = audit;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        String reference = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        if (reference == null) {
            return;
        }
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> created(reference, task);
            case TaskListener.EVENTNAME_COMPLETE -> completed(reference, task);
            case TaskListener.EVENTNAME_DELETE -> audit.recordForTask(reference, task.getId(),
                    AuditEventType.TASK_CANCELLED, actor(task), null,
                    new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), null));
            default -> { }
        }
    }

    private void created(String reference, DelegateTask task) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : task.getCandidates()) {
            participants.addGroup(reference, link.getGroupId());
            participants.addPerson(reference, link.getUserId());
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
            if (link.getUserId() != null) {
                users.add(link.getUserId());
            }
        }
        participants.addPerson(reference, task.getAssignee());
        audit.recordForTask(reference, task.getId(), AuditEventType.TASK_CREATED, AuditTrail.SYSTEM, null,
                new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), null));
        events.publishEvent(new TaskWaiting(reference, task.getId(), task.getTaskDefinitionKey(), task.getName(),
                task.getAssignee(), users, groups));
        if (AgreementParty.EXTERNAL.equals(task.getVariable("signatory"))) {
            partnerSignatureWaiting(reference, task);
        }
    }

    /** An outside party signs through a link: tell notifications who, for which agreement version. */
    private void partnerSignatureWaiting(String reference, DelegateTask task) {
        AgreementService agreements = this.agreements.getObject();
        agreements.current(reference).ifPresent(agreement -> agreements.partiesOf(agreement).stream()
                .filter(p -> AgreementParty.EXTERNAL.equals(p.getSignatoryKey()) && p.getSignatoryEmail() != null)
                .findFirst()
                .ifPresent(p -> events.publishEvent(new PartnerSignatureWaiting(reference, task.getId(),
                        agreement.getNumber(), agreement.getVersion(), p.getPartyName(), p.getSignatoryName(),
                        p.getSignatoryEmail()))));
    }

    /**
     * A task completed outside Steward's pages, API and links (Cockpit, the engine's API) is recorded from its
     * variables; one decided through {@link TaskCommands#decide} was recorded there, before the engine completed it.
     */
    private void completed(String reference, DelegateTask task) {
        if (decisions.findByTaskId(task.getId()).isPresent()) {
            return;
        }
        String actor = actor(task);
        String outcome = text(task.getVariable("decision"));
        String channel = Channel.WEB.code();
        Object round = task.getVariable("round");
        String recorded = outcome == null ? "completed" : outcome;
        decisions.save(new Decision(reference, task.getId(), task.getTaskDefinitionKey(), task.getName(),
                text(task.getVariable("department")), round instanceof Integer r ? r : null, actor,
                recorded,
                text(task.getVariable("comment")) != null ? text(task.getVariable("comment"))
                        : text(task.getVariable("reason")),
                text(task.getVariable("conditions")), channel, answers(task),
                task.getCreateTime() == null ? null : task.getCreateTime().toInstant(), clock.instant()));
        audit.recordForTask(reference, task.getId(), AuditEventType.TASK_COMPLETED, actor, channel,
                new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), outcome));
        events.publishEvent(new DecisionRecorded(reference, task.getTaskDefinitionKey(), recorded, channel));
    }

    /** Every answer on the task's form, as JSON: its fields are the task's own variables (input parameters). */
    private String answers(DelegateTask task) {
        Map<String, Object> answers = new TreeMap<>();
        task.getExecution().getVariablesLocal().forEach((name, value) -> {
            if (!NOT_ANSWERS.contains(name) && (value == null || value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                answers.put(name, value);
            }
        });
        try {
            String json = this.json.writeValueAsString(answers);
            return json.length() <= 4000 ? json : json.substring(0, 3997) + "...";
        } catch (JsonProcessingException unlikely) {
            return null;
        }
    }

    private String actor(DelegateTask task) {
        if (identity.getCurrentAuthentication() != null && identity.getCurrentAuthentication().getUserId() != null) {
            return identity.getCurrentAuthentication().getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : AuditTrail.SYSTEM;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
