package org.steward.portal.agreement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.request.RequestService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An agreement's page (see {@link AgreementPage}; the register is AgreementRegisterController): its exact text, parties, signatures with their evidence, the signed
 * PDF, a check against tampering and the form to end it early. An agreement on a request the person may not see is
 * not there, exactly as one that does not exist.
 */
@Controller
class AgreementPageController {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final AgreementService agreements;
    private final RequestService requests;
    private final CurrentPerson currentPerson;
    private final AgreementPage page;

    AgreementPageController(AgreementService agreements, RequestService requests, CurrentPerson currentPerson,
            AgreementPage page) {
        this.agreements = agreements;
        this.requests = requests;
        this.currentPerson = currentPerson;
        this.page = page;
    }

    @GetMapping("/agreements/{number}")
    String agreement(@PathVariable String number, Authentication authentication, Model model) {
        return page.show(model, currentPerson.of(authentication), number);
    }

    static String words(AgreementStatus status) {
        return status.inPlainWords();
    }

    static String badge(AgreementStatus status) {
        return switch (status) {
            case IN_FORCE -> "badge badge--done";
            case OUT_FOR_SIGNATURE, DRAFT -> "badge badge--status";
            default -> "badge badge--ended";
        };
    }

    static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
