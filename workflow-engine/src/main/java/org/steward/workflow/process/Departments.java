package org.steward.workflow.process;

import java.util.List;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.stereotype.Component;

/** Lets a model name the groups of a department: {@code ${departments.stewardGroup(department)}}. */
@Component("departments")
@BuildingBlock
public class Departments {

    private final CatalogService catalog;

    Departments(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The department codes of a comma-separated list, for a multi-instance collection. */
    @ModelMethod
    public List<String> list(String codes) {
        return CommaList.of(codes);
    }

    @ModelMethod
    public String stewardGroup(String code) {
        String group = department(code).getStewardGroup();
        if (group == null || group.isBlank()) {
            throw missing(code, "data steward group");
        }
        return group;
    }

    @ModelMethod
    public String custodianGroup(String code) {
        String group = department(code).getCustodianGroup();
        if (group == null || group.isBlank()) {
            throw missing(code, "data custodian group");
        }
        return group;
    }

    @ModelMethod
    public String signatory(String code) {
        String signatory = department(code).getSignatory();
        if (signatory == null || signatory.isBlank()) {
            throw missing(code, "signatory (director)");
        }
        return signatory;
    }

    private Department department(String code) {
        return catalog.department(code).orElseThrow(() -> new StewardProblem(StewardProblem.Kind.MISCONFIGURED,
                "There is no department " + code + ". An admin must add it before its data can be requested."));
    }

    private StewardProblem missing(String code, String what) {
        return new StewardProblem(StewardProblem.Kind.MISCONFIGURED, "Department " + code + " has no " + what
                + ", so requests for its data cannot be routed. Nothing was saved; ask an admin to set one.");
    }
}
