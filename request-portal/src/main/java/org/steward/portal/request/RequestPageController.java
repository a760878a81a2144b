package org.steward.portal.request;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.agreement.Signature;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.comment.CommentService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestAttachments;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.request.RequestText;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.Inbox;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A request's page: where it stands and what it waits on (refreshed by itself), its timeline, diagram, comments,
 * agreement, and the requester's withdrawal. What the person may not see answers 404, as what does not exist.
 */
@Controller
class RequestPageController {

    static final String DETAIL_VIEW = "requests/detail";
    static final String STATUS_FRAGMENT = "requests/detail :: status";
    private static final String BACK_TO_PAGE = "redirect:/requests/{reference}";

    private final RequestService requests;
    private final Inbox tasks;
    private final DecisionHistory decisions;
    private final AgreementService agreements;
    private final CommentService comments;
    private final RequestAttachments attachments;
    private final CatalogService catalog;
    private final AccessPolicy access;
    private final PeopleService people;
    private final PlainWords words;
    private final CurrentPerson currentPerson;

    RequestPageController(RequestService requests, Inbox tasks, DecisionHistory decisions, AgreementService agreements,
            CommentService comments, RequestAttachments attachments, CatalogService catalog, AccessPolicy access,
            PeopleService people, PlainWords words, CurrentPerson currentPerson) {
        this.requests = requests;
        this.tasks = tasks;
        this.decisions = decisions;
        this.agreements = agreements;
        this.comments = comments;
        this.attachments = attachments;
        this.catalog = catalog;
        this.access = access;
        this.people = people;
        this.words = words;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/requests/{reference}")
    String show(@PathVariable String reference, Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        page(model, person, requests.visible(person, reference));
        return DETAIL_VIEW;
    }

    /**
     * The status block alone, for the page to refresh itself; 204 when nothing in it changed since the version the
     * page shows ({@code since}), so that the page is left as it is and screen readers announce only changes.
     */
    @GetMapping("/requests/{reference}/status")
    String status(@PathVariable String reference, @RequestParam(required = false) String since,
            Authentication authentication, Model model, HttpServletResponse response) {
        Person person = currentPerson.of(authentication);
        DataRequest request = requests.visible(person, reference);
        StatusBlock block = statusBlock(request, person, new DisplayNames(people));
        if (block.fingerprint().equals(since)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        model.addAttribute("request", request);
        model.addAttribute("block", block);
        model.addAttribute("changed", since != null);
        return STATUS_FRAGMENT;
    }

    @PostMapping("/requests/{reference}/comments")
    String comment(@PathVariable String reference, @RequestParam(name = "body", required = false) String body,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Person person = currentPerson.of(authentication);
        try {
            comments.post(person, reference, body, Channel.WEB);
        } catch (StewardProblem problem) {
            if (problem.kind() != StewardProblem.Kind.INVALID) {
                throw problem;
            }
            page(model, person, requests.visible(person, reference));
            model.addAttribute("commentBody", body);
            model.addAttribute("commentError", problem.fieldErrors().get("body"));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return DETAIL_VIEW;
        }
        redirect.addFlashAttribute("notice", "Your comment is posted. Everyone on this request can read it.");
        return BACK_TO_PAGE + "#comments";
    }

    /** The requester withdraws, once they have ticked the box that confirms it; a refusal is said on the page. */
    @PostMapping("/requests/{reference}/withdraw")
    String withdraw(@PathVariable String reference, @RequestParam(required = false) boolean confirm,
            @RequestParam(required = false) String reason, Authentication authentication, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Person person = currentPerson.of(authentication);
        DataRequest request = requests.visible(person, reference);
        if (!confirm && access.canActAsRequester(person, request)) {
            page(model, person, request);
            model.addAttribute("withdrawReason", reason);
            model.addAttribute("withdrawError", "Tick the box to confirm that you want to withdraw this request.");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return DETAIL_VIEW;
        }
        try {
            requests.withdraw(person, reference, reason == null || reason.isBlank() ? null : reason, Channel.WEB.code());
        } catch (StewardProblem refused) {
            if (refused.kind() == StewardProblem.Kind.INVALID) {
                // A reason too long: said next to it, with what was typed kept.
                page(model, person, request);
                model.addAttribute("withdrawReason", reason);
                model.addAttribute("withdrawError", String.join(" ", refused.fieldErrors().values()));
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return DETAIL_VIEW;
            }
            if (refused.kind() != StewardProblem.Kind.CONFLICT && refused.kind() != StewardProblem.Kind.FORBIDDEN) {
                throw refused;
            }
            page(model, person, requests.visible(person, reference));
            model.addAttribute("refusal", refused.getMessage());
            response.setStatus(refused.kind() == StewardProblem.Kind.CONFLICT ? HttpStatus.CONFLICT.value()
                    : HttpStatus.FORBIDDEN.value());
            return DETAIL_VIEW;
        }
        redirect.addFlashAttribute("notice", "You withdrew this request. Its open steps are gone, and everyone on it "
                + "sees it as withdrawn.");
        return BACK_TO_PAGE;
    }

    private void page(Model model, Person person, DataRequest request) {
        DisplayNames names = new DisplayNames(people);
        String reference = request.getReference();
        RequestText text = request.text();
        boolean requester = access.canActAsRequester(person, request) && access.mayChange(person);
        model.addAttribute("request", request);
        model.addAttribute("text", text);
        model.addAttribute("names", names);
        model.addAttribute("datasets", datasets(text));
        model.addAttribute("recipientDepartment", text.recipient().department() == null ? null
                : catalog.department(text.recipient().department()).map(d -> d.getName()).orElse(null));
        model.addAttribute("block", statusBlock(request, person, names));
        model.addAttribute("changed", false);
        model.addAttribute("history", decisions.history(reference));
        model.addAttribute("comments", comments.of(person, reference));
        model.addAttribute("maxCommentLength", CommentService.MAX_LENGTH);
        model.addAttribute("canComment", access.mayChange(person));
        model.addAttribute("attachments", attachments.ofRequest(person, reference));
        model.addAttribute("canWithdraw", requester && PlainWords.WITHDRAWABLE.contains(request.getStatus()));
        model.addAttribute("canRevise", requester && request.getStatus() == RequestStatus.CHANGES_REQUESTED);
        model.addAttribute("hasProcess", request.getProcessInstanceId() != null);
        model.addAttribute("canRenew", requests.mayRenew(person, request));
        model.addAttribute("renewedBy", requests.renewalsOf(person, reference));
        agreements.current(reference).ifPresent(agreement -> {
            List<Signature> signatures = agreements.signaturesOf(agreement);
            model.addAttribute("agreement", agreement);
            model.addAttribute("parties", parties(agreement, signatures));
            model.addAttribute("signatures", signatures);
        });
    }

    private StatusBlock statusBlock(DataRequest request, Person person, DisplayNames names) {
        List<Waiting> waiting = tasks.currentTasks(request.getReference()).stream()
                .map(task -> new Waiting(task.id(), task.name(), task.assignee() == null ? null : names.of(task.assignee()),
                        task.candidateGroups(), task.created(), task.due(),
                        access.canComplete(person, task.assignee(), List.of(), task.candidateGroups())))
                .toList();
        String fingerprint = Integer.toHexString((request.getStatus() + "|" + request.getStatusStep() + "|"
                + waiting.stream().map(w -> w.taskId() + ":" + w.person() + ":" + w.groups() + ":" + w.due())
                        .collect(Collectors.joining(","))).hashCode());
        boolean polling = !waiting.isEmpty() || !PlainWords.ENDED.contains(request.getStatus());
        return new StatusBlock(words.status(request), words.badge(request.getStatus()), waiting, polling, fingerprint);
    }

    private List<DatasetRow> datasets(RequestText text) {
        Map<String, Dataset> known = catalog.datasetsByCode(text.datasets().stream()
                .map(RequestText.DatasetWanted::code).toList());
        return text.datasets().stream().map(wanted -> {
            Dataset dataset = known.get(wanted.code());
            return dataset == null ? new DatasetRow(wanted.code(), wanted.code(), null, null, false, wanted.elements())
                    : new DatasetRow(wanted.code(), dataset.getName(), dataset.getDepartment().getName(),
                            dataset.getClassification().name(), dataset.isPii(), wanted.elements());
        }).toList();
    }

    private List<PartyRow> parties(DataSharingAgreement agreement, List<Signature> signatures) {
        Map<String, Instant> signedAt = signatures.stream()
                .collect(Collectors.toMap(Signature::getSignatoryKey, Signature::getSignedAt, (a, b) -> a));
        return agreements.partiesOf(agreement).stream().map(party -> new PartyRow(
                party.getRole() == AgreementParty.Role.OWNER ? "Provides the data" : "Receives the data",
                party.getPartyName(),
                party.getSignatoryName() == null ? party.getSignatoryKey()
                        : AgreementParty.EXTERNAL.equals(party.getSignatoryKey()) ? party.getSignatoryName()
                        : party.getSignatoryName() + " (" + party.getSignatoryKey() + ")",
                signedAt.get(party.getSignatoryKey()))).toList();
    }

    /** What the status block shows, and a fingerprint of it that tells the page whether it changed. */
    record StatusBlock(String words, String badge, List<Waiting> waiting, boolean polling, String fingerprint) {
    }

    /** An open step and who it waits for: a person by name, or groups by id; whether the viewer may open it. */
    record Waiting(String taskId, String step, String person, List<String> groups, Instant since, Instant due,
            boolean mine) {
    }

    /** A requested dataset as the catalogue describes it, with the elements wanted (none listed: all). */
    record DatasetRow(String code, String name, String department, String classification, boolean pii,
            List<String> elements) {
    }

    /** A party to the agreement, who signs for it, and when they signed this version (null: not yet). */
    record PartyRow(String role, String name, String signatory, Instant signedAt) {
    }
}
