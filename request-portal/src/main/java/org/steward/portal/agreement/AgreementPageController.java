package org.steward.portal.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.agreement.Signature;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The register of data-sharing agreements (the latest version of each, on the requests the person may see) and an
 * agreement's page: its exact text, parties, and signatures with their evidence. An agreement on a request the
 * person may not see is not there, exactly as one that does not exist.
 */
@Controller
class AgreementPageController {

    static final String REGISTER_VIEW = "agreements/register";
    static final String AGREEMENT_VIEW = "agreements/agreement";
    static final String NOT_FOUND_VIEW = "error/404";
    static final String ERROR_VIEW = "error/error";

    private static final Logger log = LoggerFactory.getLogger(AgreementPageController.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss z",
            Locale.ENGLISH);

    private final AgreementService agreements;
    private final RequestService requests;
    private final PeopleService people;
    private final CurrentPerson currentPerson;
    private final Clock clock;

    AgreementPageController(AgreementService agreements, RequestService requests, PeopleService people,
            CurrentPerson currentPerson, Clock clock) {
        this.agreements = agreements;
        this.requests = requests;
        this.people = people;
        this.currentPerson = currentPerson;
        this.clock = clock;
    }

    @GetMapping("/agreements")
    String register(@RequestParam(name = "status", required = false) String statusFilter,
            Authentication authentication, Model model) {
        AgreementStatus status = Arrays.stream(AgreementStatus.values()).filter(s -> s.name().equals(statusFilter))
                .findFirst().orElse(null);
        Map<String, DataRequest> visible = requests.visibleTo(currentPerson.of(authentication), null).stream()
                .collect(Collectors.toMap(DataRequest::getReference, Function.identity(), (a, b) -> a));
        List<DataSharingAgreement> all = agreements.register().stream()
                .filter(a -> visible.containsKey(a.getRequestReference())).toList();
        model.addAttribute("rows", all.stream().filter(a -> status == null || a.getStatus() == status)
                .map(a -> new RegisterRow(a.getNumber(), a.getVersion(), words(a.getStatus()), badge(a.getStatus()),
                        a.getRequestReference(), visible.get(a.getRequestReference()).getTitle(),
                        date(a.getEffectiveDate()), date(a.getExpiryDate())))
                .toList());
        model.addAttribute("total", all.size());
        model.addAttribute("status", status == null ? null : status.name());
        model.addAttribute("statuses", Arrays.stream(AgreementStatus.values())
                .map(s -> new StatusOption(s.name(), words(s))).toList());
        return REGISTER_VIEW;
    }

    @GetMapping("/agreements/{number}")
    String agreement(@PathVariable String number, Authentication authentication, Model model) {
        Person person = currentPerson.of(authentication);
        DataSharingAgreement agreement = agreements.register().stream().filter(a -> a.getNumber().equals(number))
                .findFirst().orElseThrow(() -> StewardProblem.notFound("Agreement " + number));
        DataRequest request = requests.visible(person, agreement.getRequestReference());
        List<Signature> signatures = agreements.signaturesOf(agreement);
        Map<String, Signature> byKey = new HashMap<>();
        signatures.forEach(s -> byKey.putIfAbsent(s.getSignatoryKey(), s));
        model.addAttribute("agreement", agreement);
        model.addAttribute("request", request);
        model.addAttribute("statusWords", words(agreement.getStatus()));
        model.addAttribute("statusBadge", badge(agreement.getStatus()));
        model.addAttribute("effective", date(agreement.getEffectiveDate()));
        model.addAttribute("expiry", date(agreement.getExpiryDate()));
        model.addAttribute("drafted", dateTime(agreement.getCreatedAt()));
        model.addAttribute("parties", agreements.partiesOf(agreement).stream()
                .map(p -> new PartyLine(p.getPartyName(), p.getRole() == AgreementParty.Role.OWNER
                        ? "Provides the data" : "Receives the data",
                        p.getSignatoryName() == null ? p.getSignatoryKey() : p.getSignatoryName(),
                        byKey.containsKey(p.getSignatoryKey()) ? "Signed " + dateTime(byKey.get(p.getSignatoryKey())
                                .getSignedAt()) : "Not signed"))
                .toList());
        model.addAttribute("signatures", signatures.stream()
                .map(s -> new SignatureLine(person(s.getSigner()), s.getParties(), s.getTypedName(),
                        dateTime(s.getSignedAt()), s.getSignedAt() == null ? null : s.getSignedAt().toString(),
                        s.getIp(), s.getUserAgent(), s.getSha256(), agreement.getSha256().equalsIgnoreCase(s.getSha256())))
                .toList());
        return AGREEMENT_VIEW;
    }

    @ExceptionHandler(StewardProblem.class)
    ModelAndView problem(StewardProblem problem) {
        if (problem.kind() == StewardProblem.Kind.NOT_FOUND) {
            return new ModelAndView(NOT_FOUND_VIEW, Map.of(), HttpStatus.NOT_FOUND);
        }
        log.error("Refused on an agreement page", problem);
        return new ModelAndView(ERROR_VIEW, Map.of(), HttpStatus.INTERNAL_SERVER_ERROR);
    }

    static String words(AgreementStatus status) {
        return switch (status) {
            case DRAFT -> "Draft";
            case OUT_FOR_SIGNATURE -> "Out for signature";
            case IN_FORCE -> "In force";
            case EXPIRED -> "Expired";
            case TERMINATED -> "Ended (terminated)";
            case SUPERSEDED -> "Replaced by a newer version";
        };
    }

    private static String badge(AgreementStatus status) {
        return switch (status) {
            case IN_FORCE -> "badge badge--done";
            case OUT_FOR_SIGNATURE, DRAFT -> "badge badge--status";
            default -> "badge badge--ended";
        };
    }

    private String person(String userId) {
        if (userId == null) {
            return "";
        }
        String name = people.displayName(userId);
        return name == null || name.equals(userId) ? userId : name + " (" + userId + ")";
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    private String dateTime(Instant time) {
        return time == null ? "" : DATE_TIME.format(time.atZone(clock.getZone()));
    }

    /** A line of the register. */
    record RegisterRow(String number, int version, String status, String badge, String reference, String title,
            String effective, String expiry) {
    }

    /** A status to filter the register by. */
    record StatusOption(String value, String label) {
    }

    /** A party to the agreement and who signs for it. */
    record PartyLine(String name, String role, String signatory, String signed) {
    }

    /** A signature and its evidence. */
    record SignatureLine(String signer, String parties, String typedName, String time, String timeIso, String ip,
            String userAgent, String sha256, boolean matchesText) {
    }
}
