package org.steward.portal.request;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.request.AttachmentInfo;
import org.steward.workflow.request.RequestAttachments;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Fills in what the request form shows around the person's answers: the catalogue, departments, limits. */
@Component
class RequestFormPage {

    static final String VIEW = "requests/form";

    /** A dataset as the form offers it. */
    record DatasetChoice(String code, String name, String description, String department, String classification,
            boolean pii, List<String> elements, String searchText) {
    }

    /** A department a request can name as its recipient. */
    record DepartmentChoice(String code, String name) {
    }

    /** A file already attached, with where to download it. */
    record AttachedFile(Long id, String name, String kind, String size, String href) {
    }

    private final CatalogService catalog;

    RequestFormPage(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Everything the form template needs besides the mode's own attributes. */
    void fill(Model model, String pageTitle, String mode, String action, RequestForm form, FormErrors errors,
            List<AttachedFile> attached) {
        model.addAttribute("pageTitle", pageTitle);
        model.addAttribute("mode", mode);
        model.addAttribute("formAction", action);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("catalogue", catalogue());
        model.addAttribute("departments", catalog.departments().stream()
                .sorted(Comparator.comparing(Department::getName)).map(d -> new DepartmentChoice(d.getCode(), d.getName()))
                .toList());
        model.addAttribute("attached", attached);
        model.addAttribute("fileLimits", RequestAttachments.LIMITS);
        model.addAttribute("fileAccept", RequestAttachments.ACCEPT);
        model.addAttribute("fileMaxBytes", RequestAttachments.MAX_BYTES);
        model.addAttribute("limits", FieldLimit.maxima());
    }

    List<DatasetChoice> catalogue() {
        return catalog.datasets().stream().map(RequestFormPage::choice).toList();
    }

    static List<AttachedFile> files(List<AttachmentInfo> infos, String hrefBase) {
        return infos.stream().map(a -> new AttachedFile(a.id(), a.fileName(), a.kind(), a.readableSize(),
                hrefBase + a.id())).toList();
    }

    private static DatasetChoice choice(Dataset d) {
        Department owner = d.getDepartment();
        String department = owner == null ? "" : owner.getName();
        String classification = words(d.getClassification());
        return new DatasetChoice(d.getCode(), d.getName(), d.getDescription(), department, classification, d.isPii(),
                d.getElements(), (d.getCode() + " " + d.getName() + " " + department + " "
                        + (owner == null ? "" : owner.getCode())).toLowerCase(Locale.ROOT));
    }

    static String words(Classification classification) {
        if (classification == null) {
            return "Not classified";
        }
        return switch (classification) {
            case PUBLIC -> "Public";
            case INTERNAL -> "Internal";
            case CONFIDENTIAL -> "Confidential";
            case RESTRICTED -> "Restricted";
        };
    }
}
