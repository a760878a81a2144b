package org.steward.portal.agreement;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementRegister;
import org.steward.workflow.agreement.AgreementRegister.Filters;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementRegister.Listing;
import org.steward.workflow.agreement.AgreementRegister.Party;
import org.steward.workflow.agreement.AgreementRegister.SharedDataset;
import org.steward.workflow.agreement.AgreementRegister.Standing;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.problem.StewardProblem;

/**
 * The register of data-sharing agreements on the requests the person may see, with its filters, and the same lines
 * as a CSV download.
 */
@Controller
class AgreementRegisterController {

    static final String REGISTER_VIEW = "agreements/register";
    /** Lines on one page of the register; the CSV has them all. */
    static final int PAGE_SIZE = 50;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final AgreementRegister register;
    private final CatalogService catalog;
    private final CurrentPerson currentPerson;

    AgreementRegisterController(AgreementRegister register, CatalogService catalog, CurrentPerson currentPerson) {
        this.register = register;
        this.catalog = catalog;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/agreements")
    String register(@RequestParam(required = false) String status, @RequestParam(required = false) String party,
            @RequestParam(required = false) String dataset, @RequestParam(required = false) String classification,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            Authentication authentication, Model model, HttpServletResponse response) {
        model.addAttribute("status", status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
        model.addAttribute("party", party == null ? "" : party.trim());
        model.addAttribute("dataset", dataset == null ? "" : dataset.trim());
        model.addAttribute("classification", classification == null ? "" : classification.trim().toUpperCase(Locale.ROOT));
        model.addAttribute("q", q == null ? "" : q.trim());
        model.addAttribute("statuses", Arrays.stream(Standing.values()).filter(s -> s != Standing.SUPERSEDED)
                .map(s -> new Option(s.name(), s.words())).toList());
        model.addAttribute("classifications", Arrays.stream(Classification.values())
                .map(c -> new Option(c.name(), AgreementRegister.inWords(c))).toList());
        model.addAttribute("datasets", catalog.datasets().stream()
                .map(d -> new Option(d.getCode(), d.getName() + " (" + d.getCode() + ")")).toList());
        model.addAttribute("departments", catalog.departments().stream()
                .sorted(Comparator.comparing(Department::getName))
                .map(d -> new Option(d.getCode(), d.getName())).toList());
        Filters filters;
        try {
            filters = Filters.read(status, party, dataset, classification, q);
        } catch (StewardProblem refused) {
            if (refused.kind() != StewardProblem.Kind.INVALID) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", refused.fieldErrors().values());
            model.addAttribute("rows", List.of());
            model.addAttribute("matching", 0);
            model.addAttribute("page", 1);
            model.addAttribute("pages", 1);
            model.addAttribute("total", 0);
            model.addAttribute("filtered", true);
            model.addAttribute("csvLink", "/agreements.csv");
            return REGISTER_VIEW;
        }
        Listing listing = register.lines(currentPerson.of(authentication), filters);
        int matching = listing.lines().size();
        int pages = Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
        // A page past the last shows the last.
        int current = Math.min(Math.max(page, 1), pages);
        model.addAttribute("rows", listing.lines().subList((current - 1) * PAGE_SIZE,
                Math.min(current * PAGE_SIZE, matching)).stream().map(AgreementRegisterController::row).toList());
        model.addAttribute("matching", matching);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", current > 1 ? link("/agreements", status, party, dataset, classification, q)
                .queryParam("page", current - 1).encode().build().toUriString() : null);
        model.addAttribute("next", current < pages ? link("/agreements", status, party, dataset, classification, q)
                .queryParam("page", current + 1).encode().build().toUriString() : null);
        model.addAttribute("total", listing.total());
        model.addAttribute("filtered", filters.any());
        model.addAttribute("csvLink", link("/agreements.csv", status, party, dataset, classification, q).encode()
                .build().toUriString());
        return REGISTER_VIEW;
    }

    /** The lines of the register page with the same filters, as a CSV file (see RegisterCsv). */
    @GetMapping("/agreements.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String status,
            @RequestParam(required = false) String party, @RequestParam(required = false) String dataset,
            @RequestParam(required = false) String classification, @RequestParam(required = false) String q,
            Authentication authentication) {
        Filters filters = Filters.read(status, party, dataset, classification, q);
        return RegisterCsv.download(register.lines(currentPerson.of(authentication), filters).lines(),
                register.today());
    }

    /** The address of the page or the CSV with the same filters. */
    private static UriComponentsBuilder link(String path, String status, String party, String dataset,
            String classification, String q) {
        return UriComponentsBuilder.fromPath(path).queryParamIfPresent("status", present(status))
                .queryParamIfPresent("party", present(party)).queryParamIfPresent("dataset", present(dataset))
                .queryParamIfPresent("classification", present(classification)).queryParamIfPresent("q", present(q));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Row row(Line line) {
        return new Row(line.number(), line.version(), line.standing().words(), badge(line.standing()),
                line.requestReference(), line.title(), line.providers().stream().map(Party::name).toList(),
                line.recipients().stream().map(p -> p.outsideTheCity() ? p.name() + " (outside the city)" : p.name())
                        .toList(),
                line.datasets().stream().map(SharedDataset::name).toList(),
                AgreementRegister.inWords(line.classification()), line.personalInformation(),
                date(line.effectiveDate()), date(line.expiryDate()));
    }

    private static String badge(Standing standing) {
        return switch (standing) {
            case IN_FORCE -> "badge badge--done";
            case EXPIRING -> "badge badge--expiring";
            case OUT_FOR_SIGNATURE, DRAFT -> "badge badge--status";
            default -> "badge badge--ended";
        };
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** A line of the register page, in the words and dates people read. */
    record Row(String number, int version, String status, String badge, String reference, String title,
            List<String> providers, List<String> recipients, List<String> datasets, String classification,
            boolean personalInformation, String effective, String expiry) {
    }

    /** A choice in one of the filters. */
    record Option(String value, String label) {
    }
}
