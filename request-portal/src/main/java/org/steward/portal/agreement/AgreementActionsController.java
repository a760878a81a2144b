package org.steward.portal.agreement;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementLifecycle;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/**
 * What a person does from an agreement's page: download the signed PDF, check the stored agreement against the
 * hashes recorded and signed, and end it early. Refusals answer with the agreement's page, the reason in plain words
 * beside what was typed, which is kept.
 */
@Controller
class AgreementActionsController {

    static final String PROBLEM_VIEW = "agreements/problem";

    private final VisibleAgreements visible;
    private final AgreementService agreements;
    private final AgreementLifecycle lifecycle;
    private final AgreementPage page;
    private final CurrentPerson currentPerson;

    AgreementActionsController(VisibleAgreements visible, AgreementService agreements, AgreementLifecycle lifecycle,
            AgreementPage page, CurrentPerson currentPerson) {
        this.visible = visible;
        this.agreements = agreements;
        this.lifecycle = lifecycle;
        this.page = page;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/agreements/{number}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String number, Authentication authentication) {
        return visible.signedPdf(currentPerson.of(authentication), number);
    }

    @PostMapping("/agreements/{number}/verify")
    String verify(@PathVariable String number, Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        DataSharingAgreement agreement = visible.find(person, number).agreement();
        return page.show(model, person, number, agreements.verify(agreement), AgreementPage.EndEarly.empty());
    }

    @PostMapping("/agreements/{number}/terminate")
    String terminate(@PathVariable String number, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String confirm, Authentication authentication, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Person person = currentPerson.of(authentication);
        String typed = reason == null ? "" : reason;
        boolean confirmed = "true".equals(confirm);
        DataSharingAgreement ended;
        try {
            // Without the box ticked the lifecycle is asked with no reason: it refuses in its own order (not there,
            // not allowed, not in force, then the missing reason), so nothing ends without the confirmation.
            ended = lifecycle.terminate(person, number, confirmed ? typed : null, "web");
        } catch (StewardProblem refused) {
            return refused(refused, person, number, typed, confirmed, model, response);
        }
        redirect.addFlashAttribute("notice", "You ended agreement " + ended.getNumber() + " early. The data "
                + "custodians of each department that provides the data are asked to confirm that the recipient's "
                + "access was removed.");
        redirect.addAttribute("number", ended.getNumber());
        return "redirect:/agreements/{number}";
    }

    private String refused(StewardProblem refused, Person person, String number, String typed, boolean confirmed,
            Model model, HttpServletResponse response) {
        switch (refused.kind()) {
            case INVALID -> {
                Map<String, String> errors = new LinkedHashMap<>();
                if (typed.isBlank()) {
                    errors.put("reason", refused.fieldErrors().getOrDefault("reason", "Say why the agreement ends "
                            + "early."));
                }
                if (!confirmed) {
                    errors.put("confirm", "Tick the box to confirm that the agreement ends now and access to the "
                            + "data must be removed.");
                }
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return page.show(model, person, number, null, new AgreementPage.EndEarly(typed, confirmed, errors,
                        "Nothing was ended yet. See the messages next to the fields, then press the button again."));
            }
            case FORBIDDEN, CONFLICT -> {
                response.setStatus(refused.kind() == StewardProblem.Kind.FORBIDDEN ? HttpStatus.FORBIDDEN.value()
                        : HttpStatus.CONFLICT.value());
                return page.show(model, person, number, null, new AgreementPage.EndEarly(typed, confirmed, Map.of(),
                        refused.getMessage()));
            }
            default -> throw refused;
        }
    }

    /** The agreement is there but not signed by all: say so, and when the PDF will be there. */
    @ExceptionHandler(VisibleAgreements.NoSignedPdfYet.class)
    ModelAndView noPdfYet(VisibleAgreements.NoSignedPdfYet problem) {
        return new ModelAndView(PROBLEM_VIEW, Map.of("title", "No signed PDF yet", "message", problem.getMessage(),
                "number", problem.number()), HttpStatus.NOT_FOUND);
    }

}
