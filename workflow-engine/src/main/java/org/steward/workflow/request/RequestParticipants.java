package org.steward.workflow.request;

import org.steward.workflow.people.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the groups and people that are on each request, as the process reaches them. */
@Service
public class RequestParticipants {

    private final RequestParticipantRepository participants;
    private final DataRequestRepository requests;

    RequestParticipants(RequestParticipantRepository participants, DataRequestRepository requests) {
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
