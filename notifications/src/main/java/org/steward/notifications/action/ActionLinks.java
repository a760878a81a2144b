package org.steward.notifications.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.steward.notifications.MailSettings;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.HistoryEntry;
import org.steward.workflow.task.RequestTaskService;
import org.steward.workflow.task.TaskView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Action links in task emails: minted as the email is sent (only the token's hash is kept), checked when opened,
 * and used once to complete the task as their person, with the channel {@code email}.
 */
@Service
public class ActionLinks {

    /** Why a link died, as stored: the page turns these into words. */
    static final String COMPLETED = "completed", CANCELLED = "cancelled", REASSIGNED = "reassigned",
            NOT_SENT = "not-sent";

    private final ActionLinkRepository links;
    private final RequestTaskService tasks;
    private final PeopleService people;
    private final MailSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ActionLinks(ActionLinkRepository links, RequestTaskService tasks, PeopleService people, MailSettings settings,
            Clock clock) {
        this.links = links;
        this.tasks = tasks;
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    /** Makes a link for one decision on one task by one person; the token returned is kept nowhere else. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String mint(long emailId, String taskId, String personId, String decision, String reference) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        links.save(new ActionLink(hash(token), emailId, taskId, personId, decision, reference, now,
                now.plus(settings.linkValidity())));
        return token;
    }

    /** What a link is for and whether it can be used now; changes nothing (mail scanners open links). */
    @Transactional(readOnly = true)
    public LinkCheck open(String token) {
        Optional<ActionLink> found = token == null || token.length() > 100 ? Optional.empty()
                : links.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return LinkCheck.notFound();
        }
        ActionLink link = found.get();
        Optional<TaskView> open = tasks.waiting(link.getTaskId());
        HistoryEntry decided = tasks.decisionOn(link.getTaskId()).orElse(null);
        LinkCheck.State state;
        if (link.getUsedAt() != null) {
            state = LinkCheck.State.USED;
        } else if (link.getVoidedAt() != null || open.isEmpty()) {
            state = LinkCheck.State.VOIDED;
        } else if (!link.getExpiresAt().isAfter(clock.instant())) {
            state = LinkCheck.State.EXPIRED;
        } else if (people.find(link.getPersonId()).filter(p -> tasks.mayComplete(p, link.getTaskId())).isEmpty()) {
            state = LinkCheck.State.NOT_YOURS;
        } else {
            state = LinkCheck.State.VALID;
        }
        String taskName = open.map(TaskView::name).orElse(decided == null ? null : decided.stepName());
        String label = open.flatMap(view -> view.fields().stream().filter(f -> "decision".equals(f.id())).findFirst())
                .flatMap(field -> field.values().stream().filter(o -> o.id().equals(link.getDecision())).findFirst())
                .map(TaskView.Option::name).orElse(link.getDecision());
        return new LinkCheck(state, link.getRequestReference(), link.getTaskId(), taskName, link.getPersonId(),
                people.displayName(link.getPersonId()), link.getDecision(), label,
                RequestTaskService.needsAReason(link.getDecision()), link.getExpiresAt(), link.getUsedAt(),
                link.getVoidReason(), decided);
    }

    /**
     * Confirms a link: completes its task as its person with its decision and the comment, and uses the link up, in
     * one transaction. A link that cannot be used is answered with what it is now; a refusal of the decision itself
     * (a reason missing) is thrown as the task service's problem, and leaves the link unused.
     */
    @Transactional
    public Confirmation act(String token, String comment, RequestTaskService.Client client) {
        LinkCheck check = open(token);
        if (check.state() != LinkCheck.State.VALID) {
            return new Confirmation(false, check);
        }
        ActionLink link = links.findByTokenHash(hash(token)).orElseThrow();
        Person person = people.find(link.getPersonId()).orElseThrow();
        if (links.use(link.getId(), clock.instant()) != 1) {
            return new Confirmation(false, open(token));
        }
        tasks.complete(person, link.getTaskId(), link.getDecision(), comment, Map.of(), Channel.EMAIL, client);
        return new Confirmation(true, open(token));
    }

    /** The answer to a confirmation: whether it completed the task, and the link as it is now. */
    public record Confirmation(boolean completed, LinkCheck link) {
    }

    /** Kills every unused link of a task (it was completed or cancelled). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidForTask(String taskId, String reason) {
        links.voidForTask(taskId, clock.instant(), reason);
    }

    /** Kills the links of everyone but the task's new assignee. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidForOthersThan(String taskId, String assignee) {
        links.voidForTaskExcept(taskId, assignee, clock.instant(), REASSIGNED);
    }

    /** Kills the links of an email that could not be sent: nobody has them. */
    @Transactional
    public void voidForEmail(long emailId) {
        links.voidForEmail(emailId, clock.instant(), NOT_SENT);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
