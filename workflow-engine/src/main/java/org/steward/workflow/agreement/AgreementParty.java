package org.steward.workflow.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A party to an agreement and the one who signs for it: a department's director, or a partner's signatory. */
@Entity
@Table(name = "agreement_party")
public class AgreementParty {

    /** Whether the party owns the data or receives it. */
    public enum Role { OWNER, RECIPIENT }

    /** The signatory key of a partner's signatory, who has no account. */
    public static final String EXTERNAL = "external";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id")
    private Long agreementId;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "party_name")
    private String partyName;
    private String department;
    @Column(name = "signatory_key")
    private String signatoryKey;
    @Column(name = "signatory_name")
    private String signatoryName;
    @Column(name = "signatory_email")
    private String signatoryEmail;

    protected AgreementParty() {
    }

    AgreementParty(Role role, String partyName, String department, String signatoryKey, String signatoryName,
            String signatoryEmail) {
        this.role = role;
        this.partyName = partyName;
        this.department = department;
        this.signatoryKey = signatoryKey;
        this.signatoryName = signatoryName;
        this.signatoryEmail = signatoryEmail;
    }

    AgreementParty belongTo(Long agreementId) {
        this.agreementId = agreementId;
        return this;
    }

    public Role getRole() { return role; }
    public String getPartyName() { return partyName; }
    public String getDepartment() { return department; }
    public String getSignatoryKey() { return signatoryKey; }
    public String getSignatoryName() { return signatoryName; }
    public String getSignatoryEmail() { return signatoryEmail; }
}
