package org.steward.workflow.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One version of the data-sharing agreement of a request: its parties, its exact text and that text's hash. */
@Entity
@Table(name = "data_sharing_agreement")
public class DataSharingAgreement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_number")
    private String number;
    @Column(name = "request_reference")
    private String requestReference;
    private int version;
    @Enumerated(EnumType.STRING)
    private AgreementStatus status;
    @Column(name = "document_text")
    private String text;
    private String sha256;
    @Column(name = "conditions_text")
    private String conditions;
    @Column(name = "effective_date")
    private LocalDate effectiveDate;
    @Column(name = "expiry_date")
    private LocalDate expiryDate;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "terminated_at")
    private Instant terminatedAt;
    @Column(name = "terminated_by")
    private String terminatedBy;
    @Column(name = "termination_reason")
    private String terminationReason;

    protected DataSharingAgreement() {
    }

    DataSharingAgreement(String number, String requestReference, int version, String text, String sha256,
            String conditions, LocalDate expiryDate, Instant createdAt) {
        this.number = number;
        this.requestReference = requestReference;
        this.version = version;
        this.status = AgreementStatus.OUT_FOR_SIGNATURE;
        this.text = text;
        this.sha256 = sha256;
        this.conditions = conditions;
        this.expiryDate = expiryDate;
        this.createdAt = createdAt;
    }

    void changeStatus(AgreementStatus status) {
        this.status = status;
    }

    void takeEffect(LocalDate effectiveDate) {
        this.status = AgreementStatus.IN_FORCE;
        this.effectiveDate = effectiveDate;
    }

    void terminate(String by, String reason, Instant at) {
        this.status = AgreementStatus.TERMINATED;
        this.terminatedBy = by;
        this.terminationReason = reason;
        this.terminatedAt = at;
    }

    public Instant getTerminatedAt() { return terminatedAt; }
    public String getTerminatedBy() { return terminatedBy; }
    public String getTerminationReason() { return terminationReason; }
    public Long getId() { return id; }
    public String getNumber() { return number; }
    public String getRequestReference() { return requestReference; }
    public int getVersion() { return version; }
    public AgreementStatus getStatus() { return status; }
    public String getText() { return text; }
    public String getSha256() { return sha256; }
    public String getConditions() { return conditions; }
    public LocalDate getEffectiveDate() { return effectiveDate; }
    public LocalDate getExpiryDate() { return expiryDate; }
    public Instant getCreatedAt() { return createdAt; }
}
