package org.steward.notifications.message;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.preference.EmailPreferences;
import org.steward.notifications.preference.StatusTopic;
import org.steward.workflow.agreement.AgreementExpiring;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.agreement.PartnerSignatureWaiting;
import org.steward.workflow.comment.CommentPosted;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.RequestParticipants;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.request.RequestStatusChanged;
import org.steward.workflow.task.ReminderDue;
import org.steward.workflow.task.TaskWaiting;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what the engine does into outbox rows, inside the same transaction: who is told of a waiting task, a
 * reminder or escalation, a status change or a comment. Task emails always go; status emails as each person chose.
 */
@Component
class NotificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

    private final EmailOutbox outbox;
    private final PeopleService people;
    private final RequestService requests;
    private final RequestParticipants participants;
    private final EmailPreferences preferences;
    private final AgreementService agreements;
    private final CatalogService catalog;

    NotificationListener(EmailOutbox outbox, PeopleService people, RequestService requests,
            RequestParticipants participants, EmailPreferences preferences, AgreementService agreements,
            CatalogService catalog) {
        this.agreements = agreements;
        this.catalog = catalog;
        this.outbox = outbox;
        this.people = people;
        this.requests = requests;
        this.participants = participants;
        this.preferences = preferences;
    }

    @EventListener
    public void on(TaskWaiting task) {
        Set<String> to = new LinkedHashSet<>();
        if (task.assignee() != null) {
            to.add(task.assignee());
        } else {
            to.addAll(task.candidateUsers());
            task.candidateGroups().forEach(group -> to.addAll(people.membersOf(group)));
        }
        Map<String, String> facts = Map.of("step", nonNull(task.taskName()), "taskKey", task.taskDefinitionKey());
        for (String id : to) {
            person(id).ifPresent(p -> outbox.add(EmailKind.TASK_WAITING, p, task.requestReference(), task.taskId(),
                    facts));
        }
    }

    @EventListener
    public void on(ReminderDue due) {
        Set<String> to = new LinkedHashSet<>(due.people());
        due.groups().forEach(group -> to.addAll(people.membersOf(group)));
        EmailKind kind = due.kind() == ReminderDue.Kind.ESCALATION ? EmailKind.ESCALATION : EmailKind.REMINDER;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("step", nonNull(due.step()));
        facts.put("department", nonNull(due.department()));
        facts.put("waitsFor", String.join(", ", due.kind() == ReminderDue.Kind.ESCALATION ? List.of() : due.groups()));
        for (String id : to) {
            person(id).ifPresent(p -> outbox.add(kind, p, due.requestReference(), null, facts));
        }
    }

    @EventListener
    public void on(RequestStatusChanged change) {
        StatusTopic topic = StatusTopic.of(change.to());
        if (topic == null) {
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("topic", topic.name());
        facts.put("to", change.to().name());
        facts.put("from", change.from() == null ? "" : change.from().name());
        facts.put("step", nonNull(change.step()));
        tellRequester(change.reference(), topic, facts);
    }

    @EventListener
    public void on(AgreementExpiring expiring) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("topic", StatusTopic.EXPIRING.name());
        facts.put("to", RequestStatus.IN_FORCE.name());
        facts.put("agreement", expiring.agreementNumber());
        facts.put("expiryDate", expiring.expiryDate() == null ? "" : expiring.expiryDate().toString());
        tellRequester(expiring.requestReference(), StatusTopic.EXPIRING, facts);
        // The data stewards of the departments that provide the data are told too: they decide on a renewal.
        Set<String> stewards = new LinkedHashSet<>();
        agreements.current(expiring.requestReference()).ifPresent(agreement -> agreements.partiesOf(agreement)
                .stream().filter(p -> p.getRole() == AgreementParty.Role.OWNER && p.getDepartment() != null)
                .forEach(p -> catalog.department(p.getDepartment()).map(Department::getStewardGroup)
                        .ifPresent(group -> stewards.addAll(people.membersOf(group)))));
        for (String id : stewards) {
            if (preferences.wants(id, StatusTopic.EXPIRING)) {
                person(id).ifPresent(p -> outbox.add(EmailKind.STATUS_CHANGED, p, expiring.requestReference(), null,
                        facts));
            }
        }
    }

    @EventListener
    public void on(CommentPosted comment) {
        Map<String, String> facts = Map.of("author", comment.author(), "comment", comment.commentId().toString());
        for (String id : participants.peopleOn(comment.reference())) {
            if (!id.equals(comment.author()) && preferences.wants(id, StatusTopic.COMMENTS)) {
                person(id).ifPresent(p -> outbox.add(EmailKind.COMMENT_POSTED, p, comment.reference(), null, facts));
            }
        }
    }

    /** An outside signatory has no account: they get a signing link, to the address the requester gave. */
    @EventListener
    public void on(PartnerSignatureWaiting waiting) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("organisation", nonNull(waiting.organisation()));
        facts.put("agreement", waiting.agreementNumber());
        facts.put("version", Integer.toString(waiting.version()));
        facts.put("signatoryName", nonNull(waiting.signatoryName()));
        outbox.add(EmailKind.PARTNER_SIGNING, new Person(EmailKind.PARTNER_RECIPIENT,
                waiting.signatoryName() == null ? waiting.organisation() : waiting.signatoryName(),
                waiting.signatoryEmail(), java.util.Set.of()), waiting.requestReference(), waiting.taskId(), facts);
    }

    private void tellRequester(String reference, StatusTopic topic, Map<String, String> facts) {
        requests.byReference(reference).map(r -> r.getRequester())
                .filter(requester -> preferences.wants(requester, topic))
                .flatMap(this::person)
                .ifPresent(p -> outbox.add(EmailKind.STATUS_CHANGED, p, reference, null, facts));
    }

    /** A person with an address to write to; someone without one is logged, not emailed. */
    private java.util.Optional<Person> person(String id) {
        java.util.Optional<Person> person = people.find(id);
        if (person.isEmpty() || person.get().email() == null || person.get().email().isBlank()) {
            LOG.info("No email to {}: the platform has no address for them", id);
            return java.util.Optional.empty();
        }
        return person;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
