package org.steward.workflow.catalog;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import java.util.ArrayList;
import java.util.List;

/** An entry of the data catalogue, owned by one department. */
@Entity
public class Dataset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;
    private String name;
    private String description;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "department_id")
    private Department department;

    @Enumerated(EnumType.STRING)
    private Classification classification;

    private boolean pii;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "dataset_element", joinColumns = @JoinColumn(name = "dataset_id"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    private List<String> elements = new ArrayList<>();

    protected Dataset() {
    }

    public Dataset(String code, String name, String description, Department department,
            Classification classification, boolean pii, List<String> elements) {
        this.code = code;
        this.name = name;
        this.description = description;
        this.department = department;
        this.classification = classification;
        this.pii = pii;
        this.elements = new ArrayList<>(elements);
    }

    /**
     * An admin's change; the code stays as it was created. Requests already made keep the codes and element names
     * they stored, whatever changes here.
     */
    void update(String name, String description, Department department, Classification classification, boolean pii,
            List<String> elements) {
        this.name = name;
        this.description = description;
        this.department = department;
        this.classification = classification;
        this.pii = pii;
        this.elements.clear();
        this.elements.addAll(elements);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public Department getDepartment() { return department; }
    public Classification getClassification() { return classification; }
    public boolean isPii() { return pii; }
    public List<String> getElements() { return List.copyOf(elements); }
}
