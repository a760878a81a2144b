package org.steward.portal.agreement;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.notifications.action.LinkCheck;
import org.steward.portal.system.Connections;
import org.steward.notifications.action.PartnerSigning;
import org.steward.portal.request.PageTimes;
import org.steward.workflow.logs.LogContext;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind an outside signatory's signing link ({@code /sign/{token}}): the agreement's exact text and the
 * signing form, without an account. A dead link says why and whom to ask.
 */
@Controller
@RequestMapping("/sign/{token}")
class PartnerSigningController {

    private static final Logger log = LoggerFactory.getLogger(PartnerSigningController.class);
    private static final String VIEW = "agreements/sign";

    private final PartnerSigning signing;
    private final PageTimes times;

    PartnerSigningController(PartnerSigning signing, PageTimes times) {
        this.signing = signing;
        this.times = times;
    }

    @GetMapping
    String open(@PathVariable String token, Model model, HttpServletResponse response) {
        return show(token, signing.open(token), Map.of(), "", false, model, response);
    }

    @PostMapping
    String sign(@PathVariable String token, @RequestParam(required = false) String typedName,
            @RequestParam(required = false) Boolean consent, @RequestParam(required = false) String documentHash,
            HttpServletRequest request, Model model, HttpServletResponse response) {
        String name = typedName == null ? "" : typedName.strip();
        try {
            PartnerSigning.Attempt attempt = signing.sign(token, name, Boolean.TRUE.equals(consent), documentHash,
                    Connections.clientOf(request));
            // Only the use that signed thanks; one at the same moment is told the link was already used, by whom.
            model.addAttribute("signed", attempt.signedNow());
            return show(token, attempt.link(), Map.of(), name, Boolean.TRUE.equals(consent), model, response);
        } catch (ConcurrencyFailureException busy) {
            return show(token, signing.open(token), Map.of("general", "Someone is signing with this link at this very "
                    + "moment. Reload the page in a minute to see whether the agreement is signed."), name,
                    Boolean.TRUE.equals(consent), model, response);
        } catch (StewardProblem refused) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (refused.kind() == StewardProblem.Kind.INVALID) {
                refused.fieldErrors().forEach((field, message) -> errors.put(field.replace("fields.", ""), message));
            } else {
                errors.put("general", refused.getMessage());
            }
            return show(token, signing.open(token), errors, name, Boolean.TRUE.equals(consent), model, response);
        }
    }

    private String show(String token, PartnerSigning.SigningLink link, Map<String, String> errors, String typedName,
            boolean consent, Model model, HttpServletResponse response) {
        model.addAttribute("token", token);
        model.addAttribute("link", link);
        model.addAttribute("errors", errors);
        model.addAttribute("typedName", typedName);
        model.addAttribute("consent", consent);
        model.addAttribute("expires", times.dateTime(link.expiresAt()));
        model.addAttribute("usedAt", times.dateTime(link.usedAt()));
        boolean signed = Boolean.TRUE.equals(model.getAttribute("signed"));
        model.addAttribute("signed", signed);
        // The signatory has no account, and their address is personal data: the lines name the request only.
        LogContext.request(link.reference());
        if (link.state() != LinkCheck.State.VALID && !signed) {
            log.info("Refused a signing link: {}", switch (link.state()) {
                case USED -> "it was used already";
                case EXPIRED -> "it has expired";
                case VOIDED -> "its signature is no longer awaited";
                case NOT_YOURS -> "its signatory is no longer the one awaited";
                case NOT_FOUND, VALID -> "no signing link has this token (mistyped, cut short or made up)";
            });
        }
        response.setStatus(switch (link.state()) {
            case VALID -> errors.isEmpty() ? HttpStatus.OK.value() : HttpStatus.BAD_REQUEST.value();
            case USED -> signed ? HttpStatus.OK.value() : HttpStatus.GONE.value();
            case EXPIRED, VOIDED -> HttpStatus.GONE.value();
            case NOT_YOURS -> HttpStatus.FORBIDDEN.value();
            case NOT_FOUND -> HttpStatus.NOT_FOUND.value();
        });
        return VIEW;
    }
}
