package org.steward.portal.request;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.steward.portal.system.CurrentPerson;
import org.steward.portal.system.ListPage;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestListing;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.request.RequestText;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.HistoryEntry;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.Inbox;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Requests over the API: submit, list, read, revise. */
@RestController
class RequestApiController {

    private final RequestService requests;
    private final Inbox tasks;
    private final DecisionHistory decisions;
    private final PeopleService people;
    private final CurrentPerson currentPerson;
    private final RequestListing listing;

    RequestApiController(RequestService requests, Inbox tasks, DecisionHistory decisions, PeopleService people,
            CurrentPerson currentPerson, RequestListing listing) {
        this.listing = listing;
        this.requests = requests;
        this.tasks = tasks;
        this.decisions = decisions;
        this.people = people;
        this.currentPerson = currentPerson;
    }

    @PostMapping("/api/requests")
    ResponseEntity<Submitted> submit(@RequestBody Submission submission, Authentication authentication) {
        DataRequest request = requests.submit(currentPerson.of(authentication), submission.text, Channel.API.code(),
                submission.renewalOf);
        return ResponseEntity.created(URI.create("/api/requests/" + request.getReference()))
                .body(new Submitted(request.getReference(), request.getStatus()));
    }

    /** The requests the caller may see, a page at a time (newest first unless {@code sort} says otherwise). */
    @GetMapping("/api/requests")
    ListPage<Summary> list(@RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, Authentication authentication) {
        ListPage.Asked asked = ListPage.Asked.of(page, size);
        RequestListing.Order order = ListPage.sort(sort, RequestListing.Order.class, RequestListing.Order.NEWEST);
        return ListPage.of(listing.page(currentPerson.of(authentication), status, null, order, asked.page(),
                asked.size()), r -> new Summary(r.reference(), r.title(), r.status(), r.statusStep(), r.requester(),
                        r.createdAt(), r.updatedAt()));
    }

    @GetMapping("/api/requests/{reference}")
    Details read(@PathVariable String reference, Authentication authentication) {
        Person person = currentPerson.of(authentication);
        return details(person, requests.visible(person, reference));
    }

    @PutMapping("/api/requests/{reference}")
    Details revise(@PathVariable String reference, @RequestBody RequestText text, Authentication authentication) {
        Person person = currentPerson.of(authentication);
        return details(person, requests.revise(person, reference, text, Channel.API.code()));
    }

    @PostMapping("/api/requests/{reference}/withdraw")
    Details withdraw(@PathVariable String reference, @RequestBody(required = false) Withdrawal withdrawal,
            Authentication authentication) {
        Person person = currentPerson.of(authentication);
        return details(person, requests.withdraw(person, reference,
                withdrawal == null ? null : withdrawal.reason(), Channel.API.code()));
    }

    private Details details(Person viewer, DataRequest request) {
        List<CurrentTask> current = tasks.currentTasks(request.getReference()).stream()
                .map(t -> new CurrentTask(t.id(), t.name(), t.taskDefinitionKey(), t.candidateGroups(), t.assignee(),
                        t.due()))
                .toList();
        return new Details(request.getReference(), request.getStatus(), request.getStatusStep(),
                request.getRequester(), people.displayName(request.getRequester()), request.getRequestingDepartment(),
                request.getRevision(), request.getPrivacyReviewRequired(), request.getAgreementRequired(),
                request.getCreatedAt(), request.getUpdatedAt(), request.text(), current,
                decisions.history(request.getReference()), request.getRenewalOf(),
                requests.renewalsOf(viewer, request.getReference()));
    }

    /**
     * A submission: the request's text, and optionally the reference of the request it renews ({@code renewalOf}),
     * beside the text's fields in the same JSON object.
     */
    static final class Submission {
        @JsonUnwrapped
        RequestText text;
        String renewalOf;

        public void setRenewalOf(String renewalOf) { this.renewalOf = renewalOf; }
    }

    /** Why the requester withdraws, if they say. */
    record Withdrawal(String reason) {
    }

    /** The answer to a submission. */
    record Submitted(String reference, RequestStatus status) {
    }

    /** A request in a list. */
    record Summary(String reference, String title, RequestStatus status, String statusStep, String requester,
            Instant createdAt, Instant updatedAt) {
    }

    /** A task the request waits on. */
    record CurrentTask(String id, String name, String taskDefinitionKey, List<String> candidateGroups,
            String assignee, Instant due) {
    }

    /** A request in full: its text, where it stands, what it waits on, and what happened so far. */
    record Details(String reference, RequestStatus status, String statusStep, String requester, String requesterName,
            String requestingDepartment, int revision, Boolean privacyReviewRequired, Boolean agreementRequired,
            Instant createdAt, Instant updatedAt, RequestText request, List<CurrentTask> currentTasks,
            List<HistoryEntry> history, String renewalOf, List<String> renewedBy) {
    }
}
