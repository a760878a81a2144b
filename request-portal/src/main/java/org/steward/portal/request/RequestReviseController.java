package org.steward.portal.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestAttachments;
import org.steward.workflow.request.RequestDrafts;
import org.steward.workflow.request.RequestRevisions;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Channel;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The requester revises a request while changes are requested: the form prefilled with the current version, what
 * the reviewers said above it; save the revision, and send it round again.
 */
@Controller
class RequestReviseController {

    private final RequestRevisions revisions;
    private final RequestService requests;
    private final RequestDrafts drafts;
    private final RequestAttachments attachments;
    private final RequestFormPage page;
    private final PlainWords words;
    private final PageTimes times;
    private final CurrentPerson currentPerson;

    RequestReviseController(RequestRevisions revisions, RequestService requests, RequestDrafts drafts,
            RequestAttachments attachments, RequestFormPage page, PlainWords words, PageTimes times,
            CurrentPerson currentPerson) {
        this.revisions = revisions;
        this.requests = requests;
        this.drafts = drafts;
        this.attachments = attachments;
        this.page = page;
        this.words = words;
        this.times = times;
        this.currentPerson = currentPerson;
    }

    @InitBinder("form")
    void onlyTheFormsFields(WebDataBinder binder) {
        binder.setAllowedFields(RequestForm.FIELDS);
    }

    @GetMapping("/requests/{reference}/revise")
    ModelAndView revise(@PathVariable String reference, Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        RequestRevisions.Revising revising;
        try {
            revising = revisions.open(person, reference);
        } catch (StewardProblem problem) {
            return refused(reference, problem);
        }
        show(model, revising, RequestForm.from(revising.request().text()), FormErrors.none());
        return new ModelAndView(RequestFormPage.VIEW, model.asMap());
    }

    @PostMapping("/requests/{reference}/revise")
    ModelAndView saveRevision(@PathVariable String reference, @ModelAttribute("form") RequestForm form,
            BindingResult binding, @RequestParam(name = "action", defaultValue = "save") String action,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        RequestRevisions.Revising revising;
        try {
            revising = revisions.open(person, reference);
        } catch (StewardProblem problem) {
            return refused(reference, problem);
        }
        Uploads uploads = Uploads.read(files, attachments);
        RequestForm.Converted converted = form.toText();
        Map<String, String> fromForm = new LinkedHashMap<>(converted.problems());
        if (uploads.problem() != null) {
            fromForm.put("attachments", uploads.problem());
        }
        Map<String, String> fromService;
        if (fromForm.isEmpty()) {
            try {
                if ("send".equals(action)) {
                    revisions.sendRoundAgain(person, reference, converted.text(), uploads.accepted(), Channel.WEB);
                    redirect.addFlashAttribute("notice", "Request " + reference + " is sent round again: the "
                            + "reviewers see your revision and what changed.");
                    return new ModelAndView("redirect:/requests/" + reference);
                }
                revisions.save(person, reference, converted.text(), uploads.accepted(), Channel.WEB);
                redirect.addFlashAttribute("message", "Your revision is saved, but not sent yet. When it is ready, "
                        + "choose \u201cSave and send it round again\u201d.");
                return new ModelAndView("redirect:/requests/" + reference + "/revise");
            } catch (StewardProblem problem) {
                if (problem.kind() != StewardProblem.Kind.INVALID) {
                    return refused(reference, problem);
                }
                fromService = problem.fieldErrors();
            }
        } else {
            fromService = checked(converted);
        }
        if (!uploads.accepted().isEmpty()) {
            fromForm.merge("attachments", "Choose your files again: files are kept only once everything else is "
                    + "right.", (a, b) -> a + " " + b);
        }
        show(model, revising, form, FormErrors.of(fromForm, fromService, converted.datasetCodes()));
        return new ModelAndView(RequestFormPage.VIEW, model.asMap());
    }

    /** The service's own checks of what could be read, shown alongside the form's. */
    private Map<String, String> checked(RequestForm.Converted converted) {
        try {
            drafts.check(converted.text());
            return Map.of();
        } catch (StewardProblem problem) {
            if (problem.kind() != StewardProblem.Kind.INVALID) {
                throw problem;
            }
            return problem.fieldErrors();
        }
    }

    private void show(Model model, RequestRevisions.Revising revising, RequestForm form, FormErrors errors) {
        String reference = revising.request().getReference();
        page.fill(model, "Revise request " + reference, "revise", "/requests/" + reference + "/revise", form, errors,
                RequestFormPage.files(revising.attachments(), "/requests/" + reference + "/attachments/"));
        model.addAttribute("reference", reference);
        model.addAttribute("reviewers", revising.reviewers().stream().map(d -> new Reviewer(d.actorName(),
                d.actor(), d.stepName() == null ? d.step() : d.stepName(), words.outcome(d.outcome()), d.comment(),
                d.conditions(), times.dateTime(d.decidedAt()), d.askedForChanges())).toList());
        model.addAttribute("changedSoFar", revising.changedSoFar());
    }

    /** A 403 or 409 as a page that says why; a 404 as for anything that does not exist. */
    private ModelAndView refused(String reference, StewardProblem problem) {
        if (problem.kind() == StewardProblem.Kind.CONFLICT) {
            ModelAndView view = new ModelAndView("requests/problem", HttpStatus.CONFLICT);
            view.addObject("heading", "This request cannot be revised now");
            view.addObject("detail", problem.getMessage());
            requests.byReference(reference).ifPresent(request -> view.addObject("status",
                    words.status(request)));
            view.addObject("reference", reference);
            return view;
        }
        throw problem;
    }


    /** A reviewer's decision as the revise page shows it. */
    record Reviewer(String name, String userId, String step, String outcome, String comment, String conditions,
            String when, boolean askedForChanges) {
    }
}
