package org.steward.portal.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.DraftText;
import org.steward.workflow.request.RequestAttachments;
import org.steward.workflow.request.RequestDrafts;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The new-request form and drafts: save as typed, come back, submit. A refused submission shows every problem next
 * to its field with everything typed kept; files that were fine are kept in a draft so nobody uploads them twice.
 */
@Controller
class RequestFormController {

    static final String DELETE_VIEW = "requests/delete-draft";

    private final RequestDrafts drafts;
    private final RequestService requests;
    private final RequestAttachments attachments;
    private final RequestFormPage page;
    private final PageTimes times;
    private final CurrentPerson currentPerson;
    private final AccessPolicy access;

    RequestFormController(RequestDrafts drafts, RequestService requests, RequestAttachments attachments,
            RequestFormPage page, PageTimes times, CurrentPerson currentPerson, AccessPolicy access) {
        this.drafts = drafts;
        this.requests = requests;
        this.attachments = attachments;
        this.page = page;
        this.times = times;
        this.currentPerson = currentPerson;
        this.access = access;
    }

    @InitBinder("form")
    void onlyTheFormsFields(WebDataBinder binder) {
        binder.setAllowedFields(RequestForm.FIELDS);
    }

    /**
     * An empty form; with {@code renewalOf}, the form of a renewal, filled from the request it renews. Auditors are
     * told that they ask for no data, instead of a form they could not send.
     */
    @GetMapping("/requests/new")
    String newRequest(@RequestParam(required = false) String renewalOf, Authentication authentication, Model model) {
        access.requireMayChange(currentPerson.of(authentication));
        RequestForm form = new RequestForm();
        if (renewalOf != null && !renewalOf.isBlank()) {
            form = RequestForm.from(requests.renewalText(currentPerson.of(authentication), renewalOf.strip()));
            form.setRenewalOf(renewalOf.strip());
        }
        page.fill(model, "New request", "new", "/requests/new", form, FormErrors.none(), List.of());
        return RequestFormPage.VIEW;
    }

    @PostMapping("/requests/new")
    String postNew(@ModelAttribute("form") RequestForm form, BindingResult binding,
            @RequestParam(name = "action", defaultValue = "submit") String action,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return post(currentPerson.of(authentication), null, form, action, files, model, redirect);
    }

    @GetMapping("/requests/drafts/{draftId}")
    String draft(@PathVariable String draftId, Authentication authentication, Model model) {
        RequestDrafts.Draft draft = drafts.open(currentPerson.of(authentication), id(draftId));
        showDraft(model, draft, RequestForm.from(draft.content()), FormErrors.none());
        return RequestFormPage.VIEW;
    }

    @PostMapping("/requests/drafts/{draftId}")
    String postDraft(@PathVariable String draftId, @ModelAttribute("form") RequestForm form, BindingResult binding,
            @RequestParam(name = "action", defaultValue = "draft") String action,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return post(currentPerson.of(authentication), id(draftId), form, action, files, model, redirect);
    }

    @GetMapping("/requests/drafts/{draftId}/delete")
    String confirmDelete(@PathVariable String draftId, Authentication authentication, Model model) {
        model.addAttribute("draft", drafts.open(currentPerson.of(authentication), id(draftId)));
        return DELETE_VIEW;
    }

    @PostMapping("/requests/drafts/{draftId}/delete")
    String delete(@PathVariable String draftId, Authentication authentication, RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        RequestDrafts.Draft draft = drafts.open(person, id(draftId));
        drafts.delete(person, draft.id());
        redirect.addFlashAttribute("message", "The draft \u201c" + titleOf(draft) + "\u201d is deleted.");
        return "redirect:/requests";
    }

    private String post(Person person, Long draftId, RequestForm form, String action, List<MultipartFile> files,
            Model model, RedirectAttributes redirect) {
        access.requireMayChange(person);
        Uploads uploads = Uploads.read(files, attachments);
        return "submit".equals(action) ? submit(person, draftId, form, uploads, model, redirect)
                : saveDraft(person, draftId, form, uploads, model, redirect);
    }

    private String saveDraft(Person person, Long draftId, RequestForm form, Uploads uploads, Model model,
            RedirectAttributes redirect) {
        RequestDrafts.Draft draft;
        try {
            draft = drafts.save(person, draftId, form.toDraft(), uploads.accepted(), form.getRemoveAttachments());
        } catch (StewardProblem problem) {
            if (problem.kind() != StewardProblem.Kind.INVALID) {
                throw problem;
            }
            Map<String, String> errors = new LinkedHashMap<>(problem.fieldErrors());
            if (uploads.problem() != null) {
                errors.merge("attachments", uploads.problem(), (a, b) -> b + " " + a);
            }
            return showAgain(person, draftId, form, FormErrors.of(Map.of(), errors, List.of()), model,
                    "Nothing was saved yet: fix the problem below and save again.");
        }
        if (uploads.problem() != null) {
            showDraft(model, draft, form, FormErrors.of(Map.of("attachments", uploads.problem()), Map.of(), List.of()));
            model.addAttribute("message", "Your draft is saved, but not every file: see below.");
            return RequestFormPage.VIEW;
        }
        redirect.addFlashAttribute("message", "Your draft is saved. Only you can see it; come back to it from "
                + "the list of requests.");
        return "redirect:/requests/drafts/" + draft.id();
    }

    private String submit(Person person, Long draftId, RequestForm form, Uploads uploads, Model model,
            RedirectAttributes redirect) {
        RequestForm.Converted converted = form.toText();
        Map<String, String> fromForm = new LinkedHashMap<>(converted.problems());
        if (uploads.problem() != null) {
            fromForm.put("attachments", uploads.problem());
        }
        Map<String, String> fromService = Map.of();
        if (fromForm.isEmpty()) {
            try {
                DataRequest request = drafts.submit(person, draftId, converted.text(), uploads.accepted(),
                        form.getRemoveAttachments(), Channel.WEB.code(), form.renewal());
                redirect.addFlashAttribute("notice", "Your request " + request.getReference()
                        + " is submitted. Here you can follow where it stands.");
                return "redirect:/requests/" + request.getReference();
            } catch (StewardProblem problem) {
                if (problem.kind() != StewardProblem.Kind.INVALID) {
                    throw problem;
                }
                fromService = problem.fieldErrors();
            }
        } else {
            fromService = problemsOf(converted);
        }
        FormErrors errors = FormErrors.of(fromForm, fromService, converted.datasetCodes());
        if (!uploads.accepted().isEmpty()) {
            // Files cannot be put back into a file input: keep them with a draft, so nobody uploads them twice.
            try {
                RequestDrafts.Draft draft = drafts.save(person, draftId, form.toDraft(), uploads.accepted(),
                        form.getRemoveAttachments());
                showDraft(model, draft, form, errors);
                model.addAttribute("message", "Not submitted yet. Your answers and files are kept in a draft while "
                        + "you fix what is marked below.");
                return RequestFormPage.VIEW;
            } catch (StewardProblem notKept) {
                if (notKept.kind() != StewardProblem.Kind.INVALID) {
                    throw notKept;
                }
                Map<String, String> more = new LinkedHashMap<>(fromForm);
                notKept.fieldErrors().forEach((field, message) -> more.merge(field, message, (a, b) -> a + " " + b));
                errors = FormErrors.of(more, fromService, converted.datasetCodes());
            }
        }
        return showAgain(person, draftId, form, errors, model, null);
    }

    /** The service's own checks of what could be read, shown alongside the form's. */
    private Map<String, String> problemsOf(RequestForm.Converted converted) {
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

    private String showAgain(Person person, Long draftId, RequestForm form, FormErrors errors, Model model,
            String message) {
        if (draftId == null) {
            page.fill(model, "New request", "new", "/requests/new", form, errors, List.of());
        } else {
            showDraft(model, drafts.open(person, draftId), form, errors);
        }
        if (message != null) {
            model.addAttribute("message", message);
        }
        return RequestFormPage.VIEW;
    }

    private void showDraft(Model model, RequestDrafts.Draft draft, RequestForm form, FormErrors errors) {
        page.fill(model, "Draft: " + titleOf(draft), "draft", "/requests/drafts/" + draft.id(), form, errors,
                RequestFormPage.files(draft.attachments(), "/requests/drafts/" + draft.id() + "/attachments/"));
        model.addAttribute("draft", draft);
        model.addAttribute("savedAt", times.dateTime(draft.updatedAt()));
    }

    static String titleOf(RequestDrafts.Draft draft) {
        DraftText content = draft.content();
        return content.title() == null || content.title().isBlank() ? "Untitled request" : content.title();
    }

    /** An id from the address; anything that is not a number is a draft that does not exist. */
    static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw StewardProblem.notFound("Draft " + value);
        }
    }
}
