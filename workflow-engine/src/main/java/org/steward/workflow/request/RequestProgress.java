package org.steward.workflow.request;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What the process writes onto a request as it moves: its route and its status. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class RequestProgress {

    private final DataRequestRepository requests;
    private final CatalogService catalog;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RequestProgress(DataRequestRepository requests, CatalogService catalog, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The facts of the request's current text that decide its route. */
    public RouteFacts routeFacts(String reference) {
        DataRequest request = request(reference);
        Map<String, Dataset> datasets = catalog.datasetsByCode(
                request.getDatasets().stream().map(RequestedDataset::getDatasetCode).toList());
        Classification highest = datasets.values().stream().map(Dataset::getClassification)
                .max(Comparator.naturalOrder()).orElse(Classification.PUBLIC);
        boolean anyPii = datasets.values().stream().anyMatch(Dataset::isPii);
        List<String> owners = datasets.values().stream().map(d -> d.getDepartment().getCode()).distinct().sorted()
                .toList();
        return new RouteFacts(highest, anyPii, request.getRecipientType(), owners);
    }

    public void recordRoute(String reference, boolean privacyReviewRequired, boolean agreementRequired) {
        DataRequest request = request(reference);
        request.route(privacyReviewRequired, agreementRequired);
        audit.record(reference, AuditEventType.ROUTE_DECIDED, AuditTrail.SYSTEM, null,
                new AuditDetail.RouteDecided(privacyReviewRequired, agreementRequired));
    }

    /** The city department that receives the data, if the recipient is one. */
    public Optional<String> recipientDepartment(String reference) {
        DataRequest request = request(reference);
        return request.getRecipientType() == RecipientType.INTERNAL ? Optional.ofNullable(request.getRecipientDepartment())
                : Optional.empty();
    }

    public void changeStatus(String reference, RequestStatus status, String step) {
        DataRequest request = request(reference);
        RequestStatus before = request.getStatus();
        request.changeStatus(status, step, clock.instant());
        audit.record(reference, AuditEventType.STATUS_CHANGED, AuditTrail.SYSTEM, null,
                new AuditDetail.StatusChanged(String.valueOf(before), status.name(), step));
        events.publishEvent(new RequestStatusChanged(reference, before, status, step));
    }

    private DataRequest request(String reference) {
        // A caller's mistake (the process started by hand, without its request), not the platform's set-up.
        return requests.findByReference(reference).orElseThrow(() -> new StewardProblem(
                StewardProblem.Kind.CONFLICT, "The process runs for request " + reference
                        + ", which is not stored: a request's process starts when the request is submitted in the"
                        + " portal or through POST /api/requests, not on its own."));
    }
}
