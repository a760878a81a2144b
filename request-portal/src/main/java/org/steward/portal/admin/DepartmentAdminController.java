package org.steward.portal.admin;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.CatalogService.DepartmentSaved;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/** Departments: the list, a new one, and changes to one (its code stays as created). */
@Controller
@RequestMapping("/admin/departments")
class DepartmentAdminController {

    static final String LIST = "admin/departments";
    static final String FORM = "admin/department-form";
    static final String BACK_TO_LIST = "redirect:/admin/departments";

    /** The form's fields in the order it shows them. */
    static final List<String> FIELDS = List.of("code", "name", "staffGroup", "stewardGroup", "custodianGroup",
            "signatory");

    private final CatalogService catalog;
    private final PeopleService people;

    DepartmentAdminController(CatalogService catalog, PeopleService people) {
        this.catalog = catalog;
        this.people = people;
    }

    /** The code is never bound from the form: a new department's comes on its own, a change's from the path. */
    @InitBinder("form")
    void fields(WebDataBinder binder) {
        binder.setAllowedFields("name", "staffGroup", "stewardGroup", "custodianGroup", "signatory");
    }

    /** A department in the list, with its signatory's name. */
    record Row(Department department, String signatoryName) {
    }

    @GetMapping
    String list(Model model) {
        List<Row> rows = catalog.departments().stream().sorted(Comparator.comparing(Department::getCode))
                .map(d -> new Row(d, d.getSignatory() == null ? null : people.displayName(d.getSignatory())))
                .toList();
        model.addAttribute("rows", rows);
        return LIST;
    }

    @GetMapping("/new")
    String newDepartment(Model model) {
        model.addAttribute("form", new DepartmentForm());
        return form(model, false);
    }

    @PostMapping
    String create(@RequestParam(name = "code", required = false) String code,
            @ModelAttribute("form") DepartmentForm form, BindingResult errors,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        form.setCode(code);
        try {
            DepartmentSaved saved = catalog.createDepartment(admin, form.input());
            redirect.addFlashAttribute("notice", "Department " + saved.department().getCode() + ", "
                    + saved.department().getName() + ", is added." + created(saved));
            return BACK_TO_LIST;
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            return form(model, false);
        }
    }

    @GetMapping("/{code}/edit")
    String edit(@PathVariable String code, Model model) {
        Department department = catalog.department(code)
                .orElseThrow(() -> StewardProblem.notFound("Department " + code));
        model.addAttribute("form", DepartmentForm.of(department));
        return form(model, true);
    }

    @PostMapping("/{code}")
    String update(@PathVariable String code, @ModelAttribute("form") DepartmentForm form, BindingResult errors,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        form.setCode(code);
        try {
            DepartmentSaved saved = catalog.updateDepartment(admin, code, form.input());
            redirect.addFlashAttribute("notice", "Department " + code + " is saved." + created(saved));
            return BACK_TO_LIST;
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            return form(model, true);
        }
    }

    private String form(Model model, boolean editing) {
        model.addAttribute("editing", editing);
        model.addAttribute("groups", people.groups());
        model.addAttribute("people", people.people());
        return FORM;
    }

    private static String created(DepartmentSaved saved) {
        return saved.createdGroups().isEmpty() ? ""
                : " New " + (saved.createdGroups().size() == 1 ? "group" : "groups") + " created: "
                        + String.join(", ", saved.createdGroups()) + ". Add people to "
                        + (saved.createdGroups().size() == 1 ? "it" : "them") + " on the People page.";
    }
}
