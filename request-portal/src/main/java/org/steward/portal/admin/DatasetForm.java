package org.steward.portal.admin;

import java.util.Arrays;
import java.util.List;
import org.steward.workflow.catalog.CatalogService.DatasetInput;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;

/**
 * The dataset form as typed: elements one per line. The code is never bound from it: a new one comes as its own
 * parameter.
 */
public class DatasetForm {

    private String code;
    private String name;
    private String description;
    private String department;
    private String classification;
    private boolean pii;
    private String elements;

    static DatasetForm of(Dataset dataset) {
        DatasetForm form = new DatasetForm();
        form.code = dataset.getCode();
        form.name = dataset.getName();
        form.description = dataset.getDescription();
        form.department = dataset.getDepartment().getCode();
        form.classification = dataset.getClassification().name();
        form.pii = dataset.isPii();
        form.elements = String.join("\n", dataset.getElements());
        return form;
    }

    DatasetInput input() {
        Classification chosen = Arrays.stream(Classification.values()).filter(c -> c.name().equals(classification))
                .findFirst().orElse(null);
        List<String> lines = elements == null ? List.of() : List.of(elements.split("\\R"));
        return new DatasetInput(code, name, description, department, chosen, pii, lines);
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
    public String getClassification() { return classification; }
    public void setClassification(String classification) { this.classification = classification; }
    public boolean isPii() { return pii; }
    public void setPii(boolean pii) { this.pii = pii; }
    public String getElements() { return elements; }
    public void setElements(String elements) { this.elements = elements; }
}
