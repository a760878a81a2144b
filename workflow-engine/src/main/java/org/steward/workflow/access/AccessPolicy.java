package org.steward.workflow.access;

import java.util.Collection;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestParticipants;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may see and do what, for pages, API, documents and email links alike.
 * What a person may not see is answered as if it did not exist.
 */
@Service
public class AccessPolicy {

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

    /** Only the person who asked may revise or withdraw a request. */
    public boolean canActAsRequester(Person person, DataRequest request) {
        return person.id().equals(request.getRequester());
    }

    /** Only a task's assignee, or a candidate of it while it has none, may complete it. */
    public boolean canComplete(Person person, String assignee, Collection<String> candidateUsers,
            Collection<String> candidateGroups) {
        if (assignee != null) {
            return assignee.equals(person.id());
        }
        return candidateUsers.contains(person.id()) || candidateGroups.stream().anyMatch(person::inGroup);
    }
}
