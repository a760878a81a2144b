package org.steward.notifications.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.steward.notifications.MailSettings;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.task.Client;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.DecisionRules;
import org.steward.workflow.task.HistoryEntry;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.RecordedDecisions;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;
import org.steward.workflow.task.TaskView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
    private final Inbox tasks;
    private final TaskCommands commands;
    private final DecisionHistory decisions;
    private final RecordedDecisions recorded;
    private final PeopleService people;
    private final MailSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ActionLinks(ActionLinkRepository links, Inbox tasks, TaskCommands commands, DecisionHistory decisions,
            RecordedDecisions recorded, PeopleService people, MailSettings settings, Clock clock) {
        this.recorded = recorded;
        this.links = links;
        this.tasks = tasks;
        this.commands = commands;
        this.decisions = decisions;
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

    /**
     * Whether a string is the token of an action or signing link, live or dead: what shows someone else's email looks
     * for tokens this way too, so that a link is removed whatever the text around it.
     */
    @Transactional(readOnly = true)
    public boolean isToken(String candidate) {
        return candidate != null && candidate.length() <= 100 && links.existsByTokenHash(hash(candidate));
    }

    /**
     * What a link is for and whether it can be used now; changes nothing (mail scanners open links). Each read runs
     * in a transaction of its own (see {@link #aboutTask}), unless a confirmation calls it within its own.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public LinkCheck open(String token) {
        Optional<ActionLink> found = token == null || token.length() > 100 ? Optional.empty()
                : links.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return LinkCheck.notFound();
        }
        ActionLink link = found.get();
        Optional<TaskView> open = aboutTask(link.getTaskId(), () -> tasks.waiting(link.getTaskId()), Optional.empty());
        boolean mayComplete = open.isPresent() && people.find(link.getPersonId())
                .filter(p -> aboutTask(link.getTaskId(), () -> tasks.mayComplete(p, link.getTaskId()), false))
                .isPresent();
        // What became of the link is read after the task, afresh, and the decision after that: a completion committing
        // between these reads then shows as the link used or voided by that decision, never as a task that no longer
        // waits for its person or one that ended without a decision.
        ActionLinkRepository.Fate fate = links.fateOf(link.getId());
        HistoryEntry decided = decisions.decisionOn(link.getTaskId()).orElse(null);
        LinkCheck.State state;
        if (fate.getUsedAt() != null) {
            state = LinkCheck.State.USED;
        } else if (fate.getVoidedAt() != null || open.isEmpty()) {
            state = LinkCheck.State.VOIDED;
        } else if (!link.getExpiresAt().isAfter(clock.instant())) {
            state = LinkCheck.State.EXPIRED;
        } else if (!mayComplete) {
            state = aboutTask(link.getTaskId(), () -> tasks.waiting(link.getTaskId()), Optional.empty()).isEmpty()
                    ? LinkCheck.State.VOIDED : LinkCheck.State.NOT_YOURS;
        } else {
            state = LinkCheck.State.VALID;
        }
        String taskName = open.map(TaskView::name).orElse(decided == null ? null : decided.stepName());
        String label = open.flatMap(view -> view.fields().stream().filter(f -> "decision".equals(f.id())).findFirst())
                .flatMap(field -> field.values().stream().filter(o -> o.id().equals(link.getDecision())).findFirst())
                .map(TaskView.Option::name).or(() -> decisions.decisionLabel(link.getTaskId(), link.getDecision()))
                .orElse(link.getDecision());
        return new LinkCheck(state, link.getRequestReference(), link.getTaskId(), taskName, link.getPersonId(),
                people.displayName(link.getPersonId()), link.getDecision(), label,
                DecisionRules.needsAReason(link.getDecision()), link.getExpiresAt(), fate.getUsedAt(),
                fate.getVoidReason(), decided);
    }

    /**
     * Confirms a link: completes its task as its person with its decision and the comment, and uses the link up, in
     * one transaction. A link that cannot be used is answered with what it is now; a refusal of the decision itself
     * (a reason missing) is thrown as the task service's problem, and leaves the link unused; so is a confirmation
     * that loses to another completion of the task at the same moment (a conflict: the page then reads the link
     * again, used or voided by then).
     */
    @Transactional
    public Confirmation act(String token, String comment, Client client) {
        LinkCheck check = open(token);
        if (check.state() != LinkCheck.State.VALID) {
            return new Confirmation(false, check);
        }
        ActionLink link = links.findByTokenHash(hash(token)).orElseThrow();
        Person person = people.find(link.getPersonId()).orElseThrow();
        // The decision first, then the link: every decision (from the web, the API or another link) is recorded
        // before the task's links are voided, so a confirmation that held its link first could deadlock with it.
        // The task's single decision is what makes the link single-use; the decision names the link, so voiding
        // the task's links spares it, and it is marked used in the same transaction.
        try {
            commands.decide(TaskDecision.throughActionLink(person, link.getTaskId(), link.getDecision(), comment,
                    link.getId(), client));
        } catch (StewardProblem refused) {
            throw refused;
        } catch (RuntimeException failure) {
            if (tasks.waiting(link.getTaskId()).isPresent()) {
                throw failure;
            }
            // Completed by someone else while this confirmation waited for the task: the page says by whom.
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "The task was completed at the same moment.");
        }
        if (links.use(link.getId(), clock.instant()) != 1) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "The link was used at the same moment.");
        }
        return new Confirmation(true, open(token));
    }

    /** The answer to a confirmation: whether it completed the task, and the link as it is now. */
    public record Confirmation(boolean completed, LinkCheck link) {
    }

    /** Kills every unused link of a task (it was completed or cancelled), but the one its decision came through. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidForTask(String taskId, String reason) {
        Long used = COMPLETED.equals(reason) ? recorded.on(taskId).map(RecordedDecisions.Decided::actionLinkId)
                .orElse(null) : null;
        if (used == null) {
            links.voidForTask(taskId, clock.instant(), reason);
        } else {
            links.voidForTaskExceptLink(taskId, used, clock.instant(), reason);
        }
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

    /**
     * Reads about a link's task. The engine reads a task in several statements, so one completed by someone else
     * between them fails the read: on its own (opening a link) that reads as a task no longer waiting; inside a
     * confirmation, whose transaction the failure spoils, it ends the confirmation as one that came too late.
     */
    private <T> T aboutTask(String taskId, Supplier<T> read, T ended) {
        try {
            return read.get();
        } catch (StewardProblem problem) {
            throw problem;
        } catch (RuntimeException failure) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new StewardProblem(StewardProblem.Kind.CONFLICT, "The task ended at this very moment.");
            }
            if (tasks.waiting(taskId).isPresent()) {
                throw failure;
            }
            return ended;
        }
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
