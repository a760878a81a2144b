package org.steward.notifications.message;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.steward.notifications.MailSettings;
import org.steward.notifications.action.ActionLinks;
import org.steward.notifications.action.PartnerSigning;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.EmailWriter;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.notifications.outbox.OutgoingEmail;
import org.steward.notifications.preference.StatusTopic;
import org.steward.workflow.comment.CommentService;
import org.steward.workflow.comment.RequestComment;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.task.HistoryEntry;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.DecisionRules;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.TaskView;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an outbox email as it is sent, from what the request and its task are now: a task email gets one action
 * link per decision of the task's form (minted here, so the token exists only in the email), or a link to the task
 * page when the decision needs more answers than a comment.
 */
@Component
class EmailComposer implements EmailWriter {

    /** Fields an email action can carry; a form with any other field is answered on the task page. */
    private static final Set<String> EMAIL_FIELDS = Set.of("decision", "comment");
    /** Decisions whose reason the status email repeats. */
    private static final Set<String> REASONED = Set.of("reject", "decline", "changes", "withdraw", "withdrawn");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US);

    private final EmailOutbox outbox;
    private final RequestService requests;
    private final Inbox tasks;
    private final DecisionHistory decisions;
    private final CommentService comments;
    private final PeopleService people;
    private final ActionLinks links;
    private final PartnerSigning partners;
    private final EmailTemplates templates;
    private final PortalLinks portal;
    private final MailSettings settings;
    private final Clock clock;

    EmailComposer(EmailOutbox outbox, RequestService requests, Inbox tasks, DecisionHistory decisions,
            CommentService comments,
            PeopleService people, ActionLinks links, EmailTemplates templates, PortalLinks portal,
            MailSettings settings, Clock clock, PartnerSigning partners) {
        this.partners = partners;
        this.outbox = outbox;
        this.requests = requests;
        this.tasks = tasks;
        this.decisions = decisions;
        this.comments = comments;
        this.people = people;
        this.links = links;
        this.templates = templates;
        this.portal = portal;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Written write(OutboxEmail email) {
        if (email.getKind() == EmailKind.PARTNER_SIGNING) {
            return partnerSigning(email);
        }
        Optional<Person> found = people.find(email.getRecipient());
        if (found.isEmpty()) {
            return Written.skip("The person " + email.getRecipient() + " no longer exists.");
        }
        Person person = found.get();
        Optional<DataRequest> request = Optional.ofNullable(email.getRequestReference()).flatMap(requests::byReference);
        if (request.isEmpty()) {
            return Written.skip("The request " + email.getRequestReference() + " no longer exists.");
        }
        Map<String, String> facts = outbox.facts(email);
        Map<String, Object> model = new HashMap<>();
        model.put("name", person.name());
        model.put("reference", request.get().getReference());
        model.put("title", request.get().getTitle());
        model.put("requestUrl", portal.to("/requests/" + request.get().getReference()));
        model.put("settingsUrl", portal.to("/settings/email"));
        model.put("inboxUrl", portal.to("/tasks"));
        model.put("status", request.get().getStatus().inPlainWords(request.get().getStatusStep()));
        String subject;
        switch (email.getKind()) {
            case TASK_WAITING -> {
                Optional<TaskView> task = tasks.waiting(email.getTaskId());
                if (task.isEmpty()) {
                    return Written.skip("The task was completed or cancelled before its email went out.");
                }
                if (!tasks.mayComplete(person, email.getTaskId())) {
                    return Written.skip(person.name() + " is no longer one of those the task waits for.");
                }
                describeTask(email, person, task.get(), model);
                subject = "Waiting for you: " + task.get().name() + " on " + email.getRequestReference();
            }
            case REMINDER, ESCALATION -> {
                String step = facts.getOrDefault("step", "");
                String waitsFor = facts.getOrDefault("waitsFor", "");
                model.put("department", facts.getOrDefault("department", ""));
                model.put("waitsFor", waitsFor);
                Optional<TaskView> task = waitingStep(email.getRequestReference(), step, waitsFor);
                if (task.isEmpty()) {
                    return Written.skip("The step \"" + step + "\" was done before the reminder went out.");
                }
                // The timer names the step by its key (approveAsSteward); people read its name.
                step = task.get().name();
                model.put("step", step);
                model.put("due", day(task.get().due()));
                model.put("since", day(task.get().created()));
                model.put("taskUrl", portal.to("/tasks/" + task.get().id()));
                subject = (email.getKind() == EmailKind.ESCALATION ? "Overdue: " : "Reminder: ") + step + " on "
                        + email.getRequestReference() + " is waiting";
            }
            case STATUS_CHANGED -> {
                String headline = headline(facts);
                model.put("headline", headline);
                model.put("next", next(facts));
                model.put("reason", reason(email.getRequestReference(), facts));
                model.put("topicLabel", StatusTopic.valueOf(facts.get("topic")).label());
                subject = headline + " (" + email.getRequestReference() + ")";
            }
            case COMMENT_POSTED -> {
                String author = people.displayName(facts.get("author"));
                model.put("author", author);
                model.put("comment", comments.of(person, email.getRequestReference()).stream()
                        .filter(c -> c.getId().toString().equals(facts.get("comment"))).findFirst()
                        .map(RequestComment::getBody).orElse(""));
                subject = author + " commented on " + email.getRequestReference();
            }
            default -> throw new IllegalStateException("No template for " + email.getKind());
        }
        model.put("subject", subject);
        return new Written(new OutgoingEmail(email.getId(), person.id(), email.getAddress(), subject,
                templates.render(email.getKind().template() + ".txt", model),
                templates.render(email.getKind().template() + ".html", model), email.getCreatedAt()), null);
    }

    /** An outside signatory has no account and no task page: their email carries a signing link. */
    private Written partnerSigning(OutboxEmail email) {
        Optional<TaskView> task = tasks.waiting(email.getTaskId());
        Optional<DataRequest> request = requests.byReference(email.getRequestReference());
        if (task.isEmpty() || request.isEmpty()) {
            return Written.skip("The agreement no longer waits for this signature.");
        }
        Map<String, String> facts = outbox.facts(email);
        Map<String, Object> model = new HashMap<>();
        model.put("partner", true);
        String signatory = facts.getOrDefault("signatoryName", "");
        model.put("name", signatory.isBlank() ? facts.getOrDefault("organisation", "") : signatory);
        model.put("organisation", facts.getOrDefault("organisation", ""));
        model.put("agreement", facts.getOrDefault("agreement", ""));
        model.put("version", facts.getOrDefault("version", ""));
        model.put("reference", request.get().getReference());
        model.put("title", request.get().getTitle());
        model.put("due", day(task.get().due()));
        model.put("validDays", settings.linkValidity().toDays());
        model.put("signUrl", portal.to("/sign/" + partners.mint(email.getId(), email.getTaskId(), email.getAddress(),
                email.getRequestReference())));
        String subject = "Please sign data-sharing agreement " + facts.getOrDefault("agreement", "") + " for "
                + facts.getOrDefault("organisation", "");
        model.put("subject", subject);
        return new Written(new OutgoingEmail(email.getId(), email.getRecipient(), email.getAddress(), subject,
                templates.render(email.getKind().template() + ".txt", model),
                templates.render(email.getKind().template() + ".html", model), email.getCreatedAt()), null);
    }

    /**
     * The open task a reminder is about: the model's timers name its step by the task's key, so the task with that
     * key, the one waiting for the reminded groups first (two departments' stewards wait on steps of one key).
     */
    private Optional<TaskView> waitingStep(String reference, String step, String waitsFor) {
        List<TaskView> open = tasks.currentTasks(reference).stream()
                .filter(t -> step.equals(t.taskDefinitionKey()) || step.equals(t.name())).toList();
        Set<String> groups = Set.copyOf(List.of(waitsFor.split(",\\s*")));
        return open.stream().filter(t -> t.candidateGroups().stream().anyMatch(groups::contains)).findFirst()
                .or(() -> open.stream().findFirst());
    }

    @Override
    public void unsent(long emailId) {
        links.voidForEmail(emailId);
    }

    private void describeTask(OutboxEmail email, Person person, TaskView task, Map<String, Object> model) {
        model.put("step", task.name());
        model.put("due", day(task.due()));
        model.put("taskUrl", portal.to("/tasks/" + task.id()));
        List<TaskView.Option> decisions = task.fields().stream().filter(f -> "decision".equals(f.id())).findFirst()
                .map(TaskView.FormFieldView::values).orElse(List.of());
        boolean fromEmail = !decisions.isEmpty()
                && task.fields().stream().allMatch(f -> EMAIL_FIELDS.contains(f.id()));
        model.put("choices", eitherOr(decisions.stream().map(TaskView.Option::name).toList()));
        List<Map<String, Object>> actions = new ArrayList<>();
        if (fromEmail) {
            for (TaskView.Option decision : decisions) {
                String token = links.mint(email.getId(), task.id(), person.id(), decision.id(),
                        email.getRequestReference());
                actions.add(Map.of("label", decision.name(), "url", portal.to("/act/" + token),
                        "needsReason", DecisionRules.needsAReason(decision.id())));
            }
        }
        model.put("actions", actions);
        model.put("validDays", settings.linkValidity().toDays());
    }

    /** "Approve, Reject or Ask for changes". */
    private static String eitherOr(List<String> names) {
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String headline(Map<String, String> facts) {
        String to = facts.getOrDefault("to", "");
        String step = facts.getOrDefault("step", "");
        return switch (StatusTopic.valueOf(facts.get("topic"))) {
            case SUBMITTED -> RequestStatus.CHANGES_REQUESTED.name().equals(facts.get("from"))
                    ? "Your request was sent round again" : "Your request was submitted";
            case CHANGES_REQUESTED -> "Changes were asked for on your request";
            case REJECTED -> "Your request was rejected";
            case APPROVED -> switch (to) {
                case "PRIVACY_REVIEW" -> "The data stewards approved your request; it is now with the privacy office";
                case "DELIVERY" -> "Your request was approved; the data is being delivered";
                default -> "Your request moved on to: " + (step.isBlank() ? "the next review" : step);
            };
            case AGREEMENT_READY -> "The data-sharing agreement for your request is ready to sign";
            case IN_FORCE -> "The agreement is in force and the data was delivered";
            case DELIVERED -> "The data was delivered";
            case EXPIRING -> "The agreement " + facts.getOrDefault("agreement", "") + " expires on "
                    + day(facts.get("expiryDate"));
            case EXPIRED -> RequestStatus.TERMINATED.name().equals(to) ? "The agreement for your request was ended early"
                    : "The agreement for your request has expired";
            case WITHDRAWN -> "Your request was withdrawn";
            case COMMENTS -> "A new comment on your request";
        };
    }

    private static String next(Map<String, String> facts) {
        return switch (StatusTopic.valueOf(facts.get("topic"))) {
            case SUBMITTED -> "The data stewards of the departments that own the data review it now. You will hear "
                    + "from us when they decide.";
            case CHANGES_REQUESTED -> "Open the request, change what was asked for and send it round again, or "
                    + "withdraw it.";
            case REJECTED -> "Nothing more happens to this request. You can start a new one that answers the reason.";
            case APPROVED -> "Nothing to do for now: you will hear from us at the next step.";
            case AGREEMENT_READY -> "Each party's signatory reads and signs the agreement in the portal.";
            case IN_FORCE, DELIVERED -> "Use the data as the request and its agreement say.";
            case EXPIRING -> "If the data is still needed, the requester renews it from the request's page (a new "
                    + "request, filled in from this one); otherwise access is removed when the agreement ends.";
            case EXPIRED -> "Access to the data is being removed. Ask again if you still need it.";
            case WITHDRAWN -> "Nothing more happens to this request.";
            case COMMENTS -> "";
        };
    }

    /** The reason given with the decision that caused a rejection, a request for changes or a withdrawal. */
    private String reason(String reference, Map<String, String> facts) {
        StatusTopic topic = StatusTopic.valueOf(facts.get("topic"));
        if (topic != StatusTopic.REJECTED && topic != StatusTopic.CHANGES_REQUESTED && topic != StatusTopic.WITHDRAWN) {
            return null;
        }
        List<HistoryEntry> history = decisions.history(reference);
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.comment() != null && REASONED.contains(entry.outcome())) {
                return entry.actorName() + " (" + (entry.stepName() == null ? entry.step() : entry.stepName())
                        + "): " + entry.comment();
            }
        }
        return null;
    }

    private String day(Instant instant) {
        return instant == null ? null : DAY.format(instant.atZone(clock.getZone()));
    }

    private static String day(String isoDate) {
        return isoDate == null || isoDate.isBlank() ? "" : DAY.format(LocalDate.parse(isoDate));
    }
}
