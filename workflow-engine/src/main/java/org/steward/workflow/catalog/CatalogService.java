package org.steward.workflow.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;

/** Reads and keeps the catalogue of departments and datasets. */
@Service
@Transactional(readOnly = true)
public class CatalogService {

    /** Department codes: capital letters and digits, parts joined by hyphens, as PW or PARKS-REC. */
    static final Pattern DEPARTMENT_CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    /** Dataset codes, as PW-STREET-CENTERLINES. */
    static final Pattern DATASET_CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    /** Element names in lower_snake_case, as service_address. */
    static final Pattern ELEMENT = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String WEB = "web";

    private final DepartmentRepository departments;
    private final DatasetRepository datasets;
    // Looked up when used: building blocks use this service, and must not make the engine a dependency of their own
    // creation.
    private final ObjectProvider<PeopleService> people;
    private final AuditTrail audit;

    public CatalogService(DepartmentRepository departments, DatasetRepository datasets,
            ObjectProvider<PeopleService> people, AuditTrail audit) {
        this.departments = departments;
        this.datasets = datasets;
        this.people = people;
        this.audit = audit;
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

    // ---- The admin pages: departments and datasets, each change checked, refused in plain words, audited.

    /** What an admin types for a department; on a change, the code is the one the department was created with. */
    public record DepartmentInput(String code, String name, String staffGroup, String stewardGroup,
            String custodianGroup, String signatory) {
    }

    /** A department saved, and the groups created for it because they did not exist yet. */
    public record DepartmentSaved(Department department, List<String> createdGroups) {
    }

    /** What an admin types for a dataset; elements one per entry, blank entries ignored. */
    public record DatasetInput(String code, String name, String description, String department,
            Classification classification, boolean pii, List<String> elements) {
    }

    /** A dataset saved, and what changed (empty when nothing did). */
    public record DatasetSaved(Dataset dataset, List<String> changes) {
    }

    public Optional<Dataset> dataset(String code) {
        return code == null ? Optional.empty() : datasets.findByCode(code);
    }

    /** The datasets a department owns, by code. */
    public List<Dataset> datasetsOf(String departmentCode) {
        return datasets.findAllByOrderByCode().stream()
                .filter(d -> d.getDepartment().getCode().equals(departmentCode)).toList();
    }

    /**
     * Creates a department. Groups it names that do not exist yet are created (and said so); the signatory must be
     * a person who exists.
     */
    @Transactional
    public DepartmentSaved createDepartment(Person admin, DepartmentInput input) {
        PeopleService.requireAdmin(admin);
        Map<String, String> errors = new LinkedHashMap<>();
        String code = trim(input.code());
        if (code == null) {
            errors.put("code", "Enter a code, such as PW.");
        } else if (FieldLimit.DEPARTMENT_CODE.exceededBy(code) || !DEPARTMENT_CODE.matcher(code).matches()) {
            errors.put("code", "Use capital letters and digits, with hyphens between parts (such as PW or "
                    + "PARKS-REC), at most 32 characters.");
        } else if (departments.findByCode(code).isPresent()) {
            errors.put("code", "There is already a department with the code " + code + ".");
        }
        DepartmentInput cleaned = checkDepartment(code, input, errors);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        List<String> created = createMissingGroups(admin, code, cleaned);
        Department department = departments.save(new Department(code, cleaned.name(), cleaned.staffGroup(),
                cleaned.stewardGroup(), cleaned.custodianGroup(), cleaned.signatory()));
        audit.record(null, AuditEventType.DEPARTMENT_CREATED, admin.id(), WEB, new AuditDetail.CatalogChanged(code,
                cleaned.name(), List.of("staff " + cleaned.staffGroup(), "stewards " + none(cleaned.stewardGroup()),
                        "custodians " + none(cleaned.custodianGroup()), "signatory " + cleaned.signatory())));
        return new DepartmentSaved(department, created);
    }

    /** Changes a department; its code stays. A department that owns datasets keeps a steward and custodian group. */
    @Transactional
    public DepartmentSaved updateDepartment(Person admin, String code, DepartmentInput input) {
        PeopleService.requireAdmin(admin);
        Department department = departments.findByCode(code)
                .orElseThrow(() -> StewardProblem.notFound("Department " + code));
        Map<String, String> errors = new LinkedHashMap<>();
        DepartmentInput cleaned = checkDepartment(code, input, errors);
        List<String> owned = datasetsOf(code).stream().map(Dataset::getCode).toList();
        if (!owned.isEmpty()) {
            String datasetList = String.join(", ", owned);
            if (cleaned.stewardGroup() == null) {
                errors.putIfAbsent("stewardGroup", "This department owns datasets (" + datasetList
                        + "): requests for them need a data steward group to approve them.");
            }
            if (cleaned.custodianGroup() == null) {
                errors.putIfAbsent("custodianGroup", "This department owns datasets (" + datasetList
                        + "): requests for them need a data custodian group to deliver them.");
            }
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        List<String> changes = new ArrayList<>();
        change(changes, "name", department.getName(), cleaned.name());
        change(changes, "staff group", department.getStaffGroup(), cleaned.staffGroup());
        change(changes, "steward group", department.getStewardGroup(), cleaned.stewardGroup());
        change(changes, "custodian group", department.getCustodianGroup(), cleaned.custodianGroup());
        change(changes, "signatory", department.getSignatory(), cleaned.signatory());
        if (changes.isEmpty()) {
            return new DepartmentSaved(department, List.of());
        }
        List<String> created = createMissingGroups(admin, code, cleaned);
        department.update(cleaned.name(), cleaned.staffGroup(), cleaned.stewardGroup(), cleaned.custodianGroup(),
                cleaned.signatory());
        audit.record(null, AuditEventType.DEPARTMENT_CHANGED, admin.id(), WEB,
                new AuditDetail.CatalogChanged(code, null, List.copyOf(changes)));
        return new DepartmentSaved(department, created);
    }

    /** Creates a catalogue entry. */
    @Transactional
    public Dataset createDataset(Person admin, DatasetInput input) {
        PeopleService.requireAdmin(admin);
        Map<String, String> errors = new LinkedHashMap<>();
        String code = trim(input.code());
        if (code == null) {
            errors.put("code", "Enter a code, such as PW-STREET-TREES.");
        } else if (FieldLimit.DATASET_CODE.exceededBy(code) || !DATASET_CODE.matcher(code).matches()) {
            errors.put("code", "Use capital letters and digits, with hyphens between parts (such as "
                    + "PW-STREET-TREES), at most 64 characters.");
        } else if (datasets.findByCode(code).isPresent()) {
            errors.put("code", "There is already a dataset with the code " + code + ".");
        }
        CheckedDataset checked = checkDataset(input, errors);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        Dataset dataset = datasets.save(new Dataset(code, checked.name(), checked.description(), checked.owner(),
                input.classification(), input.pii(), checked.elements()));
        audit.record(null, AuditEventType.DATASET_CREATED, admin.id(), WEB, new AuditDetail.CatalogChanged(code,
                checked.name(), List.of("owner " + checked.owner().getCode(), "classification "
                        + input.classification(), input.pii() ? "PII" : "no PII",
                        "elements " + String.join(", ", checked.elements()))));
        return dataset;
    }

    /**
     * Changes a catalogue entry; its code stays. Requests already made keep the codes and element names they stored.
     */
    @Transactional
    public DatasetSaved updateDataset(Person admin, String code, DatasetInput input) {
        PeopleService.requireAdmin(admin);
        Dataset dataset = datasets.findByCode(code).orElseThrow(() -> StewardProblem.notFound("Dataset " + code));
        Map<String, String> errors = new LinkedHashMap<>();
        CheckedDataset checked = checkDataset(input, errors);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        List<String> changes = new ArrayList<>();
        change(changes, "name", dataset.getName(), checked.name());
        if (!Objects.equals(dataset.getDescription(), checked.description())) {
            changes.add("description changed");
        }
        change(changes, "owner", dataset.getDepartment().getCode(), checked.owner().getCode());
        change(changes, "classification", dataset.getClassification().name(), input.classification().name());
        if (dataset.isPii() != input.pii()) {
            changes.add(input.pii() ? "now holds personal information" : "no longer holds personal information");
        }
        List<String> added = checked.elements().stream().filter(e -> !dataset.getElements().contains(e)).toList();
        List<String> removed = dataset.getElements().stream().filter(e -> !checked.elements().contains(e)).toList();
        if (!added.isEmpty()) {
            changes.add("elements added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            changes.add("elements removed: " + String.join(", ", removed));
        }
        if (added.isEmpty() && removed.isEmpty() && !dataset.getElements().equals(checked.elements())) {
            changes.add("elements reordered");
        }
        if (changes.isEmpty()) {
            return new DatasetSaved(dataset, List.of());
        }
        dataset.update(checked.name(), checked.description(), checked.owner(), input.classification(), input.pii(),
                checked.elements());
        audit.record(null, AuditEventType.DATASET_CHANGED, admin.id(), WEB,
                new AuditDetail.CatalogChanged(code, null, List.copyOf(changes)));
        return new DatasetSaved(dataset, List.copyOf(changes));
    }

    private record CheckedDataset(String name, String description, Department owner, List<String> elements) {
    }

    private CheckedDataset checkDataset(DatasetInput input, Map<String, String> errors) {
        String name = trim(input.name());
        if (name == null) {
            errors.put("name", "Enter the dataset's name, as staff would look for it.");
        } else {
            FieldLimit.DATASET_NAME.check(errors, "name", name);
        }
        String description = trim(input.description());
        FieldLimit.DATASET_DESCRIPTION.check(errors, "description", description);
        Department owner = null;
        String ownerCode = trim(input.department());
        if (ownerCode == null) {
            errors.put("department", "Choose the department that owns this data.");
        } else {
            owner = departments.findByCode(ownerCode).orElse(null);
            if (owner == null) {
                errors.put("department", "There is no department " + ownerCode + ". Choose one from the list.");
            } else {
                List<String> missing = new ArrayList<>();
                if (blank(owner.getStewardGroup())) {
                    missing.add("data steward group (to approve requests)");
                }
                if (blank(owner.getCustodianGroup())) {
                    missing.add("data custodian group (to deliver the data)");
                }
                if (blank(owner.getSignatory())) {
                    missing.add("signatory (to sign agreements)");
                }
                if (!missing.isEmpty()) {
                    errors.put("department", owner.getName() + " has no " + String.join(" and no ", missing)
                            + " yet, so requests for its data could not go through. Set "
                            + (missing.size() == 1 ? "it" : "them") + " on the department first.");
                }
            }
        }
        if (input.classification() == null) {
            errors.put("classification", "Choose how sensitive the data is.");
        }
        List<String> elements = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String line : input.elements() == null ? List.<String>of() : input.elements()) {
            String element = trim(line);
            if (element == null) {
                continue;
            }
            if (FieldLimit.ELEMENT.exceededBy(element) || !ELEMENT.matcher(element).matches()) {
                wrong.add("\"" + element + "\"");
            } else if (elements.contains(element)) {
                twice.add(element);
            } else {
                elements.add(element);
            }
        }
        if (!wrong.isEmpty()) {
            errors.put("elements", (wrong.size() == 1 ? wrong.get(0) + " is not an element name" : String.join(", ",
                    wrong) + " are not element names") + ": use lower-case letters, digits and underscores, "
                    + "starting with a letter (such as owner_name), at most 64 characters.");
        } else if (!twice.isEmpty()) {
            errors.put("elements", "Each element once: " + String.join(", ", twice) + (twice.size() == 1 ? " is"
                    : " are") + " listed more than once.");
        } else if (elements.isEmpty()) {
            errors.put("elements", "List at least one element (a field of the data), one per line.");
        }
        return new CheckedDataset(name, description, owner, elements);
    }

    /** Checks everything but the code; answers the input trimmed, with blank optional groups as null. */
    private DepartmentInput checkDepartment(String code, DepartmentInput input, Map<String, String> errors) {
        String name = trim(input.name());
        if (name == null) {
            errors.put("name", "Enter the department's name.");
        } else {
            FieldLimit.DEPARTMENT_NAME.check(errors, "name", name);
        }
        String staff = trim(input.staffGroup());
        if (staff == null) {
            errors.put("staffGroup", "Enter the group of the department's staff, such as staff-pw.");
        } else {
            checkGroup(errors, "staffGroup", staff);
            departments.findAll().stream()
                    .filter(other -> !other.getCode().equals(code) && staff.equals(other.getStaffGroup()))
                    .findFirst().ifPresent(other -> errors.putIfAbsent("staffGroup", other.getName() + " ("
                            + other.getCode() + ") already uses " + staff + " as its staff group: each department "
                            + "needs its own, so that a requester's department is clear."));
        }
        String stewards = trim(input.stewardGroup());
        checkGroup(errors, "stewardGroup", stewards);
        String custodians = trim(input.custodianGroup());
        checkGroup(errors, "custodianGroup", custodians);
        String signatory = trim(input.signatory());
        if (signatory == null) {
            errors.put("signatory", "Enter the user id of the department's director, who signs its agreements.");
        } else if (!people.getObject().exists(signatory)) {
            errors.put("signatory", "There is nobody with the user id " + signatory
                    + ". Check the spelling, or create the person first on the People page.");
        }
        return new DepartmentInput(code, name, staff, stewards, custodians, signatory);
    }

    private void checkGroup(Map<String, String> errors, String field, String group) {
        if (group == null || people.getObject().groupExists(group)) {
            return;
        }
        if (FieldLimit.GROUP_ID.exceededBy(group) || !PeopleService.ID.matcher(group).matches()) {
            errors.put(field, "There is no group " + group + ", and a new one cannot have that name: use lower-case "
                    + "letters and digits, with single hyphens between parts (such as stewards-pw).");
        }
    }

    /** Creates the groups the department names that do not exist yet; answers their ids. */
    private List<String> createMissingGroups(Person admin, String code, DepartmentInput input) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(input.staffGroup(), input.name() + " staff");
        if (input.stewardGroup() != null) {
            wanted.putIfAbsent(input.stewardGroup(), input.name() + " data stewards");
        }
        if (input.custodianGroup() != null) {
            wanted.putIfAbsent(input.custodianGroup(), input.name() + " data custodians");
        }
        List<String> created = new ArrayList<>();
        PeopleService identity = people.getObject();
        wanted.forEach((group, label) -> {
            if (!identity.groupExists(group)) {
                identity.createGroup(group, label);
                audit.record(null, AuditEventType.GROUP_CREATED, admin.id(), WEB,
                        new AuditDetail.GroupCreated(group, label, "department " + code));
                created.add(group);
            }
        });
        return created;
    }

    private static void change(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + none(before) + " -> " + none(after));
        }
    }

    private static String none(String value) {
        return value == null ? "none" : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
