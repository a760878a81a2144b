package org.steward.workflow.request;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.logs.LogContext;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submits, revises and finds data requests, as the person asking may. */
@Service
public class RequestService {

    private static final Logger log = LoggerFactory.getLogger(RequestService.class);

    /** The key of the process every request runs through. */
    public static final String PROCESS_KEY = "data-request";
    /** The message the process listens for while the requester may still withdraw. */
    public static final String WITHDRAWAL_MESSAGE = "withdrawal-requested";
    /** A request can be renewed once its agreement's term has begun: in force, expired or ended early. */
    public static final java.util.Set<RequestStatus> RENEWABLE = java.util.EnumSet.of(RequestStatus.IN_FORCE,
            RequestStatus.EXPIRED, RequestStatus.TERMINATED);
    /** What a renewal's title starts with. */
    public static final String RENEWAL_PREFIX = "Renewal: ";

    private final DataRequestRepository requests;
    private final RequestValidator validator;
    private final ReferenceNumbers references;
    private final CatalogService catalog;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final PeopleService people;
    private final RuntimeService runtime;
    private final Clock clock;

    RequestService(DataRequestRepository requests, RequestValidator validator, ReferenceNumbers references,
            CatalogService catalog, AccessPolicy access, AuditTrail audit, PeopleService people,
            RuntimeService runtime, Clock clock) {
        this.requests = requests;
        this.validator = validator;
        this.references = references;
        this.catalog = catalog;
        this.access = access;
        this.audit = audit;
        this.people = people;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * Saves the request and starts its process, which runs to its first tasks in the same transaction: if
     * anything fails on the way, nothing of the request is kept.
     */
    @Transactional
    public DataRequest submit(Person requester, RequestText text, String channel) {
        return submit(requester, text, channel, null);
    }

    /**
     * Submits as {@link #submit(Person, RequestText, String)}, as a renewal of the request {@code renewalOf} when it is
     * not blank: that request must be the requester's own and renewable (see {@link #toRenew}).
     */
    @Transactional
    public DataRequest submit(Person requester, RequestText text, String channel, String renewalOf) {
        access.requireMayChange(requester);
        DataRequest renewed = renewalOf == null || renewalOf.isBlank() ? null : toRenew(requester, renewalOf.strip());
        validator.check(text);
        String department = catalog.departmentOfStaff(requester.groups()).map(d -> d.getCode()).orElse(null);
        DataRequest request = new DataRequest(references.next("DR"), requester.id(), department, text, clock.instant());
        if (renewed != null) {
            request.renews(renewed.getReference());
        }
        request = requests.save(request);
        audit.record(request.getReference(), AuditEventType.SUBMITTED, requester.id(), channel,
                new AuditDetail.Submitted(request.getTitle(), renewed == null ? null : renewed.getReference()));
        if (renewed != null) {
            audit.record(renewed.getReference(), AuditEventType.AGREEMENT_RENEWED, requester.id(), channel,
                    new AuditDetail.Renewed(request.getReference(), request.getTitle()));
        }
        try (PeopleService.ActingAs acting = people.actAs(requester)) {
            ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, request.getReference(),
                    Variables.createVariables().putValue("requester", requester.id()));
            request.started(instance.getId());
        } catch (RuntimeException engineFailure) {
            throw StewardProblem.in(engineFailure).map(RuntimeException.class::cast).orElse(engineFailure);
        }
        String reference = request.getReference();
        LogContext.afterCommit(reference, requester.id(), () -> log.info("Submitted request {} ({}{})", reference,
                channel, renewed == null ? "" : ", renewing " + renewed.getReference()));
        return request;
    }

    /** The requester saves a new text while changes are requested; the revise task then sends it round again. */
    @Transactional
    public DataRequest revise(Person requester, String reference, RequestText text, String channel) {
        DataRequest request = visible(requester, reference);
        if (!access.canActAsRequester(requester, request)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "Only the person who made request " + reference + " may revise it.");
        }
        access.requireMayChange(requester);
        if (request.getStatus() != RequestStatus.CHANGES_REQUESTED) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "Request " + reference + " can be revised only "
                    + "while changes are requested; it is now " + describe(request.getStatus()) + ".");
        }
        validator.check(text);
        RequestText before = request.text();
        request.apply(text, clock.instant());
        audit.record(reference, AuditEventType.REVISED, requester.id(), channel,
                new AuditDetail.Revised(request.getRevision(), changedFields(before, text)));
        return request;
    }

    /**
     * The requester withdraws the request: allowed from submission until delivery starts, while the process
     * listens for it; every open task of the request disappears.
     */
    @Transactional
    public DataRequest withdraw(Person requester, String reference, String reason, String channel) {
        DataRequest request = visible(requester, reference);
        if (!access.canActAsRequester(requester, request)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "Only the person who made request " + reference + " may withdraw it.");
        }
        access.requireMayChange(requester);
        FieldLimit.WITHDRAWAL_REASON.require("reason", reason);
        audit.record(reference, AuditEventType.WITHDRAWN, requester.id(), channel, new AuditDetail.Reason(reason));
        try (PeopleService.ActingAs acting = people.actAs(requester)) {
            runtime.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(reference).correlate();
        } catch (MismatchingMessageCorrelationException tooLate) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "Request " + reference + " can no longer be "
                    + "withdrawn: it is " + describe(request.getStatus()) + ". A request can be withdrawn only "
                    + "until delivery starts.");
        } catch (RuntimeException engineFailure) {
            throw StewardProblem.in(engineFailure).map(RuntimeException.class::cast).orElse(engineFailure);
        }
        return request;
    }

    /**
     * The request a person may renew: their own (403 otherwise), one they can see (400 otherwise: a renewal names an
     * existing request), whose agreement's term has begun (409 otherwise).
     */
    @Transactional(readOnly = true)
    public DataRequest toRenew(Person requester, String reference) {
        DataRequest old = requests.findByReference(reference).filter(r -> access.canSee(requester, r))
                .orElseThrow(() -> StewardProblem.invalid(Map.of("renewalOf", "There is no request " + reference
                        + " that you can see, so it cannot be renewed. Check the reference, or start a new request.")));
        if (!access.canActAsRequester(requester, old)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN, "Only the person who made request " + reference
                    + " may renew it. Ask them to renew it, or start a new request of your own.");
        }
        if (!RENEWABLE.contains(old.getStatus())) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "Request " + reference + " can be renewed only "
                    + "once its agreement is in force, expired or ended; it is now " + describe(old.getStatus())
                    + ". Follow it on its page until then.");
        }
        return old;
    }

    /** Whether the person may renew the request: they made it and its agreement's term has begun. */
    public boolean mayRenew(Person person, DataRequest request) {
        return access.canActAsRequester(person, request) && access.mayChange(person)
                && RENEWABLE.contains(request.getStatus());
    }

    /**
     * A renewal's text: the old request's current text, its title starting "Renewal: ", its term as long as the old
     * one's and starting the day after the old one ends (today, when that day is past).
     */
    @Transactional(readOnly = true)
    public RequestText renewalText(Person requester, String reference) {
        RequestText old = toRenew(requester, reference).text();
        String title = old.title() == null || old.title().startsWith(RENEWAL_PREFIX) ? old.title()
                : RENEWAL_PREFIX + old.title();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate start = old.endDate() == null ? today : old.endDate().plusDays(1);
        if (start.isBefore(today)) {
            start = today;
        }
        java.time.LocalDate end = old.startDate() == null || old.endDate() == null ? null
                : start.plus(java.time.Period.between(old.startDate(), old.endDate()));
        return new RequestText(title, old.purpose(), old.legalBasis(), old.datasets(), old.recipient(),
                old.frequency(), old.deliveryMethod(), old.retention(), old.securityControls(), start, end);
    }

    /** The references of the requests that renew this one and that the person may see, oldest first. */
    @Transactional(readOnly = true)
    public List<String> renewalsOf(Person person, String reference) {
        return requests.findByRenewalOfOrderByCreatedAtAscIdAsc(reference).stream()
                .filter(r -> access.canSee(person, r)).map(DataRequest::getReference).toList();
    }

    @Transactional(readOnly = true)
    public DataRequest visible(Person person, String reference) {
        return requests.findByReference(reference).filter(r -> access.canSee(person, r))
                .orElseThrow(() -> StewardProblem.notFound("Request " + reference));
    }

    @Transactional(readOnly = true)
    public Optional<DataRequest> byReference(String reference) {
        return requests.findByReference(reference);
    }

    @Transactional(readOnly = true)
    public List<DataRequest> visibleTo(Person person, RequestStatus status) {
        List<String> groups = person.groups().isEmpty() ? List.of("") : List.copyOf(person.groups());
        return requests.findVisible(person.id(), groups, person.seesEverything(), status);
    }

    /** The titles of the requests named, by reference, read in one query (a list shows them beside its lines). */
    @Transactional(readOnly = true)
    public Map<String, String> titles(java.util.Collection<String> references) {
        Map<String, String> titles = new java.util.HashMap<>();
        if (!references.isEmpty()) {
            requests.findTitles(references).forEach(row -> titles.put((String) row[0], (String) row[1]));
        }
        return titles;
    }

    /** The requests the person may see, as {@link #visibleTo}, that have a data-sharing agreement. */
    @Transactional(readOnly = true)
    public List<DataRequest> visibleWithAgreement(Person person) {
        List<String> groups = person.groups().isEmpty() ? List.of("") : List.copyOf(person.groups());
        return requests.findVisibleWithAgreement(person.id(), groups, person.seesEverything());
    }

    /** The newest of the person's own requests in one of the statuses given, at most {@code max}, and how many. */
    @Transactional(readOnly = true)
    public Page<DataRequest> ownRequests(Person requester, java.util.Collection<RequestStatus> statuses, int max) {
        return statuses.isEmpty() ? Page.empty()
                : requests.findByRequesterAndStatusInOrderByCreatedAtDescIdDesc(requester.id(), statuses,
                        PageRequest.of(0, max));
    }

    /** A status in plain words, for messages. */
    public static String describe(RequestStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private static List<String> changedFields(RequestText before, RequestText after) {
        Map<String, Boolean> changed = new java.util.LinkedHashMap<>();
        changed.put("title", !java.util.Objects.equals(before.title(), after.title()));
        changed.put("purpose", !java.util.Objects.equals(before.purpose(), after.purpose()));
        changed.put("legalBasis", !java.util.Objects.equals(before.legalBasis(), after.legalBasis()));
        changed.put("datasets", !java.util.Objects.equals(before.datasets(), after.datasets()));
        changed.put("recipient", !java.util.Objects.equals(before.recipient(), after.recipient()));
        changed.put("frequency", !java.util.Objects.equals(before.frequency(), after.frequency()));
        changed.put("deliveryMethod", !java.util.Objects.equals(before.deliveryMethod(), after.deliveryMethod()));
        changed.put("retention", !java.util.Objects.equals(before.retention(), after.retention()));
        changed.put("securityControls", !java.util.Objects.equals(before.securityControls(), after.securityControls()));
        changed.put("startDate", !java.util.Objects.equals(before.startDate(), after.startDate()));
        changed.put("endDate", !java.util.Objects.equals(before.endDate(), after.endDate()));
        List<String> names = changed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        return names.isEmpty() ? List.of("nothing") : names;
    }
}
