package org.steward.portal.catalog;

import java.util.List;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The data catalogue, for anyone logged in. */
@RestController
class DatasetApiController {

    private final CatalogService catalog;

    DatasetApiController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/datasets")
    List<DatasetEntry> datasets() {
        return catalog.datasets().stream().map(d -> new DatasetEntry(d.getCode(), d.getName(), d.getDescription(),
                d.getDepartment().getCode(), d.getClassification(), d.isPii(), d.getElements())).toList();
    }

    /** A dataset as the API shows it. */
    record DatasetEntry(String code, String name, String description, String department,
            Classification classification, boolean pii, List<String> elements) {
    }
}
