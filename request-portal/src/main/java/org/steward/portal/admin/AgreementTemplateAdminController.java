package org.steward.portal.admin;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementSettings;
import org.steward.workflow.agreement.AgreementTemplate;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;

/**
 * The agreement template for admins: which one is in use, what is wrong with a configured one, every placeholder,
 * how to replace it, and the template filled for a request, saving nothing.
 */
@Controller
class AgreementTemplateAdminController {

    static final String VIEW = "admin/agreement-template";
    /** Requests offered for the preview: the newest few are enough to see a template filled. */
    static final int CHOICES = 100;

    private final AgreementTemplate template;
    private final AgreementSettings settings;
    private final AgreementService agreements;
    private final RequestService requests;

    AgreementTemplateAdminController(AgreementTemplate template, AgreementSettings settings,
            AgreementService agreements, RequestService requests) {
        this.template = template;
        this.settings = settings;
        this.agreements = agreements;
        this.requests = requests;
    }

    @GetMapping("/admin/agreement-template")
    String page(@RequestParam(name = "request", required = false) String chosen,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model) {
        AgreementTemplate.Loaded loaded = template.load();
        model.addAttribute("source", loaded.source());
        model.addAttribute("problems", loaded.problems());
        model.addAttribute("folder", settings.templateFolder());
        model.addAttribute("setting", AgreementSettings.TEMPLATE_FOLDER);
        model.addAttribute("fileName", AgreementTemplate.FILE_NAME);
        model.addAttribute("placeholders", AgreementTemplate.PLACEHOLDERS.entrySet().stream()
                .map(p -> new Placeholder("{{" + p.getKey() + "}}", p.getValue())).toList());
        model.addAttribute("templateHtml", loaded.html());

        // Drafts may still lack what an agreement is made of: only requests that were sent are offered.
        List<DataRequest> sent = requests.visibleTo(admin, null).stream()
                .filter(r -> r.getStatus() != RequestStatus.DRAFT).limit(CHOICES).toList();
        List<Choice> choices = new ArrayList<>(sent.stream().map(r -> new Choice(r.getReference(),
                r.getReference() + ": " + r.getTitle())).toList());
        String reference = chosen == null || chosen.isBlank() ? sent.stream().findFirst()
                .map(DataRequest::getReference).orElse(null) : chosen.trim();
        if (reference != null && choices.stream().noneMatch(c -> c.reference().equals(reference))) {
            DataRequest older = requests.visible(admin, reference);
            choices.add(0, new Choice(older.getReference(), older.getReference() + ": " + older.getTitle()));
        }
        model.addAttribute("choices", choices);
        model.addAttribute("chosen", reference);
        String preview = null;
        String previewProblem = null;
        if (reference != null) {
            try {
                preview = agreements.preview(reference);
            } catch (StewardProblem cannot) {
                if (cannot.kind() == StewardProblem.Kind.NOT_FOUND) {
                    throw cannot;
                }
                previewProblem = cannot.getMessage();
            }
        }
        model.addAttribute("preview", preview);
        model.addAttribute("previewProblem", previewProblem);
        return VIEW;
    }

    /** A placeholder as written in a template, and what it is filled with. */
    record Placeholder(String name, String description) {
    }

    /** A request to fill the template for. */
    record Choice(String reference, String label) {
    }
}
