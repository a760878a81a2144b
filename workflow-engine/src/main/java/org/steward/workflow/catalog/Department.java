package org.steward.workflow.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A city department: its staff, its data stewards and custodians, and its director who signs. */
@Entity
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;
    private String name;
    @Column(name = "staff_group")
    private String staffGroup;
    @Column(name = "steward_group")
    private String stewardGroup;
    @Column(name = "custodian_group")
    private String custodianGroup;
    private String signatory;

    protected Department() {
    }

    public Department(String code, String name, String staffGroup, String stewardGroup, String custodianGroup,
            String signatory) {
        this.code = code;
        this.name = name;
        this.staffGroup = staffGroup;
        this.stewardGroup = stewardGroup;
        this.custodianGroup = custodianGroup;
        this.signatory = signatory;
    }

    /** An admin's change; the code stays as it was created, since requests and agreements name it. */
    void update(String name, String staffGroup, String stewardGroup, String custodianGroup, String signatory) {
        this.name = name;
        this.staffGroup = staffGroup;
        this.stewardGroup = stewardGroup;
        this.custodianGroup = custodianGroup;
        this.signatory = signatory;
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getStaffGroup() { return staffGroup; }
    public String getStewardGroup() { return stewardGroup; }
    public String getCustodianGroup() { return custodianGroup; }
    public String getSignatory() { return signatory; }
}
