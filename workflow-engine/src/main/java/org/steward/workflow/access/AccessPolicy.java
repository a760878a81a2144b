package org.steward.workflow.access;

import java.util.Collection;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestParticipants;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may see and do what, for pages, API, documents and email links alike.
 * What a person may not see is answered as if it did not exist.
 */
@Service
public class AccessPolicy {

    /** The group of auditors: they read every request, agreement and record, and change nothing. */
    public static final String AUDITORS = "auditors";

    private final RequestParticipants participants;

    public AccessPolicy(RequestParticipants participants) {
        this.participants = participants;
    }

    /** A requester sees their own requests; reviewers, custodians and signatories those they are on. */
    public boolean canSee(Person person, DataRequest request) {
        return person.seesEverything()
                || person.id().equals(request.getRequester())
                || participants.includes(request.getId(), person);
    }

    /**
     * Turnaround reports count every request and every step, so only those who see every request read them: auditors
     * and admins.
     */
    public boolean canSeeReports(Person person) {
        return person != null && person.seesEverything();
    }

    /**
     * The audit trail holds every change to every request, agreement, model, department, dataset and person, so only
     * those who see everything read it: auditors and admins.
     */
    public boolean canSeeAuditTrail(Person person) {
        return person != null && person.seesEverything();
    }

    /** Refuses anyone but auditors and admins the audit trail with 403, in words that say who may read it. */
    public void requireMaySeeAuditTrail(Person person) {
        if (!canSeeAuditTrail(person)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN, "The audit trail is for auditors and admins. "
                    + "If you need to read it, ask an admin.");
        }
    }

    /**
     * Whether the person may change anything about requests at all: ask for data, save a draft, comment, decide,
     * withdraw, end an agreement. Auditors may not: they read everything and write nothing, comments included.
     */
    public boolean mayChange(Person person) {
        return person != null && !person.inGroup(AUDITORS);
    }

    /** Refuses an auditor's change with 403, in words that say why; everyone else passes on to the other checks. */
    public void requireMayChange(Person person) {
        if (!mayChange(person)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN, "Auditors read every request, agreement and "
                    + "record in Steward but change nothing: an auditor cannot ask for data, save a draft, comment, "
                    + "decide, withdraw or end an agreement. If you need to do this, ask an admin for another account.");
        }
    }

    /** Only the person who asked may revise or withdraw a request (and, as anyone, only if they {@link #mayChange}). */
    public boolean canActAsRequester(Person person, DataRequest request) {
        return person.id().equals(request.getRequester());
    }

    /** Only a task's assignee, or a candidate of it while it has none, may complete it; never an auditor. */
    public boolean canComplete(Person person, String assignee, Collection<String> candidateUsers,
            Collection<String> candidateGroups) {
        if (!mayChange(person)) {
            return false;
        }
        if (assignee != null) {
            return assignee.equals(person.id());
        }
        return candidateUsers.contains(person.id()) || candidateGroups.stream().anyMatch(person::inGroup);
    }
}
