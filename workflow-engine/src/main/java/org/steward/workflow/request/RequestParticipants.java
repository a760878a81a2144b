package org.steward.workflow.request;

import java.util.LinkedHashSet;
import java.util.Set;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the groups and people that are on each request, as the process reaches them. */
@Service
public class RequestParticipants {

    private final RequestParticipantRepository participants;
    private final DataRequestRepository requests;
    // A provider: building blocks reach this class while the engine (which PeopleService needs) is being built.
    private final ObjectProvider<PeopleService> people;

    RequestParticipants(RequestParticipantRepository participants, DataRequestRepository requests,
            ObjectProvider<PeopleService> people) {
        this.people = people;
        this.participants = participants;
        this.requests = requests;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addGroup(String reference, String group) {
        add(reference, RequestParticipant.Kind.GROUP, group);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addPerson(String reference, String userId) {
        add(reference, RequestParticipant.Kind.USER, userId);
    }

    @Transactional(readOnly = true)
    public boolean includes(Long requestId, Person person) {
        return participants.findByRequestId(requestId).stream().anyMatch(p -> switch (p.getKind()) {
            case USER -> p.getName().equals(person.id());
            case GROUP -> person.inGroup(p.getName());
        });
    }

    /** The people on a request: those named on it and the members of its groups, in no particular order. */
    @Transactional(readOnly = true)
    public Set<String> peopleOn(String reference) {
        Set<String> people = new LinkedHashSet<>();
        requests.findByReference(reference).ifPresent(request -> {
            people.add(request.getRequester());
            for (RequestParticipant p : participants.findByRequestId(request.getId())) {
                switch (p.getKind()) {
                    case USER -> people.add(p.getName());
                    case GROUP -> people.addAll(this.people.getObject().membersOf(p.getName()));
                }
            }
        });
        return people;
    }

    private void add(String reference, RequestParticipant.Kind kind, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        requests.findByReference(reference).ifPresent(request -> {
            if (!participants.existsByRequestIdAndKindAndName(request.getId(), kind, name)) {
                participants.save(new RequestParticipant(request.getId(), kind, name));
            }
        });
    }
}
