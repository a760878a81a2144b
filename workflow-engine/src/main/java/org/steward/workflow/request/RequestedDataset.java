package org.steward.workflow.request;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** One dataset named in a request, with the elements wanted from it (none listed means all). */
@Entity
@Table(name = "requested_dataset")
public class RequestedDataset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "request_id")
    private DataRequest request;

    @Column(name = "dataset_code")
    private String datasetCode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "requested_element", joinColumns = @JoinColumn(name = "requested_dataset_id"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    private List<String> elements = new ArrayList<>();

    protected RequestedDataset() {
    }

    RequestedDataset(DataRequest request, String datasetCode, List<String> elements) {
        this.request = request;
        this.datasetCode = datasetCode;
        this.elements = new ArrayList<>(elements);
    }

    public String getDatasetCode() { return datasetCode; }
    public List<String> getElements() { return List.copyOf(elements); }
}
