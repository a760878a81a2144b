package org.steward.portal.admin;

import org.steward.workflow.catalog.CatalogService.DepartmentInput;
import org.steward.workflow.catalog.Department;

/** The department form as typed. The code is never bound from it: a new one comes as its own parameter. */
public class DepartmentForm {

    private String code;
    private String name;
    private String staffGroup;
    private String stewardGroup;
    private String custodianGroup;
    private String signatory;

    static DepartmentForm of(Department department) {
        DepartmentForm form = new DepartmentForm();
        form.code = department.getCode();
        form.name = department.getName();
        form.staffGroup = department.getStaffGroup();
        form.stewardGroup = department.getStewardGroup();
        form.custodianGroup = department.getCustodianGroup();
        form.signatory = department.getSignatory();
        return form;
    }

    DepartmentInput input() {
        return new DepartmentInput(code, name, staffGroup, stewardGroup, custodianGroup, signatory);
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getStaffGroup() { return staffGroup; }
    public void setStaffGroup(String staffGroup) { this.staffGroup = staffGroup; }
    public String getStewardGroup() { return stewardGroup; }
    public void setStewardGroup(String stewardGroup) { this.stewardGroup = stewardGroup; }
    public String getCustodianGroup() { return custodianGroup; }
    public void setCustodianGroup(String custodianGroup) { this.custodianGroup = custodianGroup; }
    public String getSignatory() { return signatory; }
    public void setSignatory(String signatory) { this.signatory = signatory; }
}
