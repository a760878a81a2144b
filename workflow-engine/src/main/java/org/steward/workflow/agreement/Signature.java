package org.steward.workflow.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signature on one version of an agreement, with the evidence of who signed what, when and from where. */
@Entity
@Table(name = "agreement_signature")
public class Signature {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id", updatable = false)
    private Long agreementId;
    @Column(name = "signatory_key", updatable = false)
    private String signatoryKey;
    @Column(updatable = false)
    private String signer;
    @Column(updatable = false)
    private String parties;
    @Column(name = "typed_name", updatable = false)
    private String typedName;
    @Column(updatable = false)
    private boolean consent;
    @Column(name = "signed_at", updatable = false)
    private Instant signedAt;
    @Column(updatable = false)
    private String ip;
    @Column(name = "user_agent", updatable = false)
    private String userAgent;
    @Column(updatable = false)
    private String sha256;

    protected Signature() {
    }

    Signature(Long agreementId, String signatoryKey, String signer, String parties, String typedName, boolean consent,
            Instant signedAt, String ip, String userAgent, String sha256) {
        this.agreementId = agreementId;
        this.signatoryKey = signatoryKey;
        this.signer = signer;
        this.parties = parties;
        this.typedName = typedName;
        this.consent = consent;
        this.signedAt = signedAt;
        // Evidence the browser sends, not typed by the signer: kept to its columns rather than refusing a signature.
        this.ip = cut(ip, 64);
        this.userAgent = cut(userAgent, 500);
        this.sha256 = sha256;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long getAgreementId() { return agreementId; }
    public String getSignatoryKey() { return signatoryKey; }
    public String getSigner() { return signer; }
    public String getParties() { return parties; }
    public String getTypedName() { return typedName; }
    public boolean isConsent() { return consent; }
    public Instant getSignedAt() { return signedAt; }
    public String getIp() { return ip; }
    public String getUserAgent() { return userAgent; }
    public String getSha256() { return sha256; }
}
