package org.steward.workflow.agreement;

import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;
import org.steward.workflow.request.RequestService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agreement's life after signing that people start: ending it early. The model's term listens for the message
 * {@value #TERMINATION_MESSAGE} and then has each owning department's custodians confirm that access was removed.
 */
@Service
public class AgreementLifecycle {

    /** The message the model's agreement term listens for. */
    public static final String TERMINATION_MESSAGE = "agreement-terminated";

    private final AgreementService agreements;
    private final RequestService requests;
    private final CatalogService catalog;
    private final PeopleService people;
    private final RuntimeService runtime;
    private final AuditTrail audit;
    private final AccessPolicy access;
    private final Clock clock;

    AgreementLifecycle(AgreementService agreements, RequestService requests, CatalogService catalog,
            PeopleService people, RuntimeService runtime, AuditTrail audit, AccessPolicy access, Clock clock) {
        this.agreements = agreements;
        this.requests = requests;
        this.catalog = catalog;
        this.people = people;
        this.runtime = runtime;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
    }

    /** Whether the person may end the agreement early: an admin, or a data steward of a department that provides the data. */
    @Transactional(readOnly = true)
    public boolean mayTerminate(Person person, DataSharingAgreement agreement) {
        if (!access.mayChange(person)) {
            return false;
        }
        if (PeopleService.isAdmin(person)) {
            return true;
        }
        return agreements.partiesOf(agreement).stream()
                .filter(p -> p.getRole() == AgreementParty.Role.OWNER && p.getDepartment() != null)
                .map(p -> catalog.department(p.getDepartment()).map(Department::getStewardGroup).orElse(null))
                .anyMatch(person::inGroup);
    }

    /**
     * Ends an agreement in force early, with a reason: it is terminated at once and access removal starts. 404 if
     * the person may not see its request, 403 if they are not a steward of a providing department or an admin, 409
     * if it is not in force, 400 without a reason. The channel (web, api) is the audit trail's.
     */
    @Transactional
    public DataSharingAgreement terminate(Person person, String number, String reason, String channel) {
        DataSharingAgreement agreement = agreements.byNumber(number)
                .orElseThrow(() -> StewardProblem.notFound("Agreement " + number));
        requests.visible(person, agreement.getRequestReference());
        access.requireMayChange(person);
        if (!mayTerminate(person, agreement)) {
            throw new StewardProblem(Kind.FORBIDDEN, "Only a data steward of a department that provides the data, "
                    + "or an admin, may end agreement " + number + " early.");
        }
        if (agreement.getStatus() != AgreementStatus.IN_FORCE) {
            throw new StewardProblem(Kind.CONFLICT, "Agreement " + number + " is "
                    + agreement.getStatus().name().toLowerCase().replace('_', ' ')
                    + ": only an agreement in force can be ended early.");
        }
        if (reason == null || reason.isBlank()) {
            throw StewardProblem.invalid(Map.of("reason", "Say why the agreement ends early: the reason is kept "
                    + "with the agreement and told to the people on the request."));
        }
        FieldLimit.TERMINATION_REASON.require("reason", reason.strip());
        agreement.terminate(person.id(), reason.strip(), clock.instant());
        audit.record(agreement.getRequestReference(), AuditEventType.AGREEMENT_TERMINATED, person.id(), channel,
                new AuditDetail.AgreementEnded(number, agreement.getVersion(), agreement.getExpiryDate(),
                        people.displayName(person.id()), reason.strip()));
        try (PeopleService.ActingAs acting = people.actAs(person)) {
            runtime.createMessageCorrelation(TERMINATION_MESSAGE)
                    .processInstanceBusinessKey(agreement.getRequestReference()).correlate();
        } catch (MismatchingMessageCorrelationException notListening) {
            throw new StewardProblem(Kind.CONFLICT, "Agreement " + number + " cannot be ended now: its request "
                    + agreement.getRequestReference() + " is not in its term (the data may still be on its way).");
        }
        return agreement;
    }
}
