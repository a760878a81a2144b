package org.steward.workflow.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and keeps the catalogue of departments and datasets. */
@Service
@Transactional(readOnly = true)
public class CatalogService {

    private final DepartmentRepository departments;
    private final DatasetRepository datasets;

    public CatalogService(DepartmentRepository departments, DatasetRepository datasets) {
        this.departments = departments;
        this.datasets = datasets;
    }

    public List<Dataset> datasets() {
        return datasets.findAllByOrderByCode();
    }

    public Map<String, Dataset> datasetsByCode(List<String> codes) {
        return datasets.findByCodeIn(codes).stream().collect(Collectors.toMap(Dataset::getCode, Function.identity()));
    }

    public List<Department> departments() {
        return departments.findAll();
    }

    public Optional<Department> department(String code) {
        return departments.findByCode(code);
    }

    /** The department whose staff group the person is in, if any. */
    public Optional<Department> departmentOfStaff(Collection<String> groups) {
        return departments.findAll().stream().filter(d -> groups.contains(d.getStaffGroup())).findFirst();
    }

    @Transactional
    public Department saveDepartment(Department department) {
        return departments.save(department);
    }

    @Transactional
    public Dataset saveDataset(Dataset dataset) {
        return datasets.save(dataset);
    }
}
