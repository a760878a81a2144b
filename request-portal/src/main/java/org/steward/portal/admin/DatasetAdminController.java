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
import org.steward.workflow.catalog.CatalogService.DatasetSaved;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/** The catalogue: the list, a new dataset, and changes to one (its code stays as created). */
@Controller
@RequestMapping("/admin/datasets")
class DatasetAdminController {

    static final String LIST = "admin/datasets";
    static final String FORM = "admin/dataset-form";
    static final String BACK_TO_LIST = "redirect:/admin/datasets";

    /** The form's fields in the order it shows them. */
    static final List<String> FIELDS = List.of("code", "name", "description", "department", "classification", "pii",
            "elements");

    private final CatalogService catalog;

    DatasetAdminController(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The code is never taken from the form's fields: a new dataset's comes on its own, a change's from the path. */
    @InitBinder("form")
    void fields(WebDataBinder binder) {
        binder.setAllowedFields("name", "description", "department", "classification", "pii", "elements");
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("datasets", catalog.datasets());
        return LIST;
    }

    @GetMapping("/new")
    String newDataset(Model model) {
        model.addAttribute("form", new DatasetForm());
        return form(model, false);
    }

    @PostMapping
    String create(@RequestParam(name = "code", required = false) String code, @ModelAttribute("form") DatasetForm form,
            BindingResult errors, @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        form.setCode(code);
        try {
            Dataset dataset = catalog.createDataset(admin, form.input());
            redirect.addFlashAttribute("notice", "Dataset " + dataset.getCode() + ", " + dataset.getName()
                    + ", is in the catalogue.");
            return BACK_TO_LIST;
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            return form(model, false);
        }
    }

    @GetMapping("/{code}/edit")
    String edit(@PathVariable String code, Model model) {
        Dataset dataset = catalog.dataset(code).orElseThrow(() -> StewardProblem.notFound("Dataset " + code));
        model.addAttribute("form", DatasetForm.of(dataset));
        return form(model, true);
    }

    @PostMapping("/{code}")
    String update(@PathVariable String code, @ModelAttribute("form") DatasetForm form, BindingResult errors,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        form.setCode(code);
        try {
            DatasetSaved saved = catalog.updateDataset(admin, code, form.input());
            redirect.addFlashAttribute("notice", saved.changes().isEmpty() ? "Nothing changed in " + code + "."
                    : "Dataset " + code + " is saved: " + String.join("; ", saved.changes()) + ".");
            return BACK_TO_LIST;
        } catch (StewardProblem problem) {
            Forms.reject(errors, problem, FIELDS);
            return form(model, true);
        }
    }

    private String form(Model model, boolean editing) {
        model.addAttribute("editing", editing);
        model.addAttribute("departments",
                catalog.departments().stream().sorted(Comparator.comparing(Department::getName)).toList());
        model.addAttribute("classifications", Classification.values());
        return FORM;
    }
}
