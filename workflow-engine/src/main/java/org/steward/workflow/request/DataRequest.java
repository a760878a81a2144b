package org.steward.workflow.request;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A staff member's request for data, and where it stands. */
@Entity
@Table(name = "data_request")
public class DataRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String reference;
    private String requester;
    @Column(name = "requesting_department")
    private String requestingDepartment;
    private String title;
    private String purpose;
    @Column(name = "legal_basis")
    private String legalBasis;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_type")
    private RecipientType recipientType;
    @Column(name = "recipient_department")
    private String recipientDepartment;
    @Column(name = "recipient_organisation")
    private String recipientOrganisation;
    @Column(name = "recipient_signatory_name")
    private String recipientSignatoryName;
    @Column(name = "recipient_signatory_email")
    private String recipientSignatoryEmail;
    @Enumerated(EnumType.STRING)
    private Frequency frequency;
    @Column(name = "delivery_method")
    private String deliveryMethod;
    private String retention;
    @Column(name = "security_controls")
    private String securityControls;
    @Column(name = "start_date")
    private LocalDate startDate;
    @Column(name = "end_date")
    private LocalDate endDate;
    /** The request this one renews (its reference), or null for a request of its own. */
    @Column(name = "renewal_of")
    private String renewalOf;

    // Read for every request a query returns in one more query, not one per request: a list of thousands stays quick.
    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @OrderBy("id")
    private List<RequestedDataset> datasets = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    private RequestStatus status;
    @Column(name = "status_step")
    private String statusStep;
    @Column(name = "privacy_review_required")
    private Boolean privacyReviewRequired;
    @Column(name = "agreement_required")
    private Boolean agreementRequired;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    private int revision;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected DataRequest() {
    }

    DataRequest(String reference, String requester, String requestingDepartment, RequestText text, Instant now) {
        this.reference = reference;
        this.requester = requester;
        this.requestingDepartment = requestingDepartment;
        this.status = RequestStatus.DRAFT;
        this.revision = 0;
        this.createdAt = now;
        apply(text, now);
    }

    /** Replaces the request's text with a revision; the datasets are replaced as a whole. */
    void apply(RequestText text, Instant now) {
        this.title = text.title();
        this.purpose = text.purpose();
        this.legalBasis = text.legalBasis();
        this.recipientType = text.recipient().type();
        this.recipientDepartment = text.recipient().department();
        this.recipientOrganisation = text.recipient().organisation();
        this.recipientSignatoryName = text.recipient().signatoryName();
        this.recipientSignatoryEmail = text.recipient().signatoryEmail();
        this.frequency = text.frequency();
        this.deliveryMethod = text.deliveryMethod();
        this.retention = text.retention();
        this.securityControls = text.securityControls();
        this.startDate = text.startDate();
        this.endDate = text.endDate();
        this.datasets.clear();
        for (RequestText.DatasetWanted wanted : text.datasets()) {
            this.datasets.add(new RequestedDataset(this, wanted.code(), wanted.elements()));
        }
        this.revision++;
        this.updatedAt = now;
    }

    void renews(String reference) {
        this.renewalOf = reference;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void changeStatus(RequestStatus status, String step, Instant now) {
        this.status = status;
        this.statusStep = step;
        this.updatedAt = now;
    }

    void route(boolean privacyReviewRequired, boolean agreementRequired) {
        this.privacyReviewRequired = privacyReviewRequired;
        this.agreementRequired = agreementRequired;
    }

    /** The request's text as a value, as the requester last saved it. */
    public RequestText text() {
        return new RequestText(title, purpose, legalBasis,
                datasets.stream().map(d -> new RequestText.DatasetWanted(d.getDatasetCode(), d.getElements())).toList(),
                new RequestText.Recipient(recipientType, recipientDepartment, recipientOrganisation,
                        recipientSignatoryName, recipientSignatoryEmail),
                frequency, deliveryMethod, retention, securityControls, startDate, endDate);
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
    public String getRequester() { return requester; }
    public String getRequestingDepartment() { return requestingDepartment; }
    public String getTitle() { return title; }
    public List<RequestedDataset> getDatasets() { return List.copyOf(datasets); }
    public RequestStatus getStatus() { return status; }
    public String getStatusStep() { return statusStep; }
    public Boolean getPrivacyReviewRequired() { return privacyReviewRequired; }
    public Boolean getAgreementRequired() { return agreementRequired; }
    public String getProcessInstanceId() { return processInstanceId; }
    public int getRevision() { return revision; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public RecipientType getRecipientType() { return recipientType; }
    public String getRecipientDepartment() { return recipientDepartment; }
    public LocalDate getEndDate() { return endDate; }
    public String getRenewalOf() { return renewalOf; }
}
