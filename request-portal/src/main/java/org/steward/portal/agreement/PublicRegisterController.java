package org.steward.portal.agreement;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.workflow.agreement.AgreementRegister;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementRegister.Party;
import org.steward.workflow.agreement.AgreementRegister.SharedDataset;

/**
 * The public register, when it is switched on: the agreements in force, with no login. It names departments and
 * outside organisations only, never a person: no signatories, emails, signatures or addresses.
 */
@Controller
class PublicRegisterController {

    static final String PUBLIC_VIEW = "agreements/public";
    static final String NOT_FOUND_VIEW = "error/404";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final AgreementRegister register;
    private final PublicRegisterSwitch publicRegister;

    PublicRegisterController(AgreementRegister register, PublicRegisterSwitch publicRegister) {
        this.register = register;
        this.publicRegister = publicRegister;
    }

    @GetMapping("/public/agreements")
    String agreementsInForce(Model model, HttpServletResponse response) {
        if (!publicRegister.enabled()) {
            // Switched off, the address does not exist, as for any other.
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return NOT_FOUND_VIEW;
        }
        model.addAttribute("rows", register.inForce().stream().map(PublicRegisterController::row).toList());
        model.addAttribute("today", DATE.format(register.today()));
        return PUBLIC_VIEW;
    }

    private static PublicRow row(Line line) {
        return new PublicRow(line.number(), line.providers().stream().map(Party::name).toList(),
                line.recipients().stream().map(Party::name).toList(),
                line.datasets().stream().map(SharedDataset::name).toList(),
                AgreementRegister.inWords(line.classification()), line.personalInformation(),
                date(line.effectiveDate()), date(line.expiryDate()), line.purpose());
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** A line of the public register: organisations and data, never people. */
    record PublicRow(String number, List<String> providers, List<String> recipients, List<String> datasets,
            String classification, boolean personalInformation, String effective, String expiry, String purpose) {
    }
}
