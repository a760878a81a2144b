package org.steward.portal.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementRegister;
import org.steward.workflow.agreement.AgreementRegister.Filters;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A request's data-sharing agreement with its signatures, and the register of agreements. */
@RestController
class AgreementApiController {

    private final AgreementService agreements;
    private final RequestService requests;
    private final AgreementRegister register;
    private final CurrentPerson currentPerson;

    AgreementApiController(AgreementService agreements, RequestService requests, AgreementRegister register,
            CurrentPerson currentPerson) {
        this.agreements = agreements;
        this.requests = requests;
        this.register = register;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/api/requests/{reference}/agreement")
    AgreementDetails agreement(@PathVariable String reference, Authentication authentication) {
        requests.visible(currentPerson.of(authentication), reference);
        DataSharingAgreement agreement = agreements.current(reference)
                .orElseThrow(() -> StewardProblem.notFound("An agreement for request " + reference));
        return new AgreementDetails(agreement.getNumber(), agreement.getVersion(), agreement.getStatus(),
                agreement.getRequestReference(), agreement.getSha256(), agreement.getEffectiveDate(),
                agreement.getExpiryDate(), agreement.getConditions(),
                agreements.partiesOf(agreement).stream().map(p -> new Party(p.getPartyName(), p.getRole().name(),
                        p.getSignatoryKey(), p.getSignatoryName())).toList(),
                agreements.signaturesOf(agreement).stream().map(s -> new SignatureEntry(s.getSigner(), s.getParties(),
                        s.getTypedName(), s.getSignedAt(), s.getIp(), s.getUserAgent(), s.getSha256())).toList(),
                agreement.getText());
    }

    /**
     * The register: the latest version of every agreement on a request the caller may see, with the register
     * page's filters (all optional, combined); {@code format=csv} answers the same lines as a CSV download.
     */
    @GetMapping("/api/agreements")
    ResponseEntity<?> register(@RequestParam(required = false) String status,
            @RequestParam(required = false) String party, @RequestParam(required = false) String dataset,
            @RequestParam(required = false) String classification, @RequestParam(required = false) String q,
            @RequestParam(required = false) String format, Authentication authentication) {
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            throw StewardProblem.invalid(Map.of("format", "Use format=csv for a CSV file, or leave it out for JSON."));
        }
        Filters filters = Filters.read(status, party, dataset, classification, q);
        List<Line> lines = register.lines(currentPerson.of(authentication), filters).lines();
        if (format != null && format.equalsIgnoreCase("csv")) {
            return RegisterCsv.download(lines, register.today());
        }
        return ResponseEntity.ok(lines.stream().map(AgreementApiController::entry).toList());
    }

    private static RegisterEntry entry(Line line) {
        return new RegisterEntry(line.number(), line.version(), line.status(), line.requestReference(),
                line.effectiveDate(), line.expiryDate(), line.sha256(), line.standing().name(),
                line.standing().words(), line.title(),
                line.parties().stream().map(p -> new RegisterParty(p.role().name(), p.name(), p.department()))
                        .toList(),
                line.datasets().stream().map(d -> new RegisterDataset(d.code(), d.name(), d.classification(),
                        d.personalInformation())).toList(),
                line.classification(), line.personalInformation());
    }

    /** One version of an agreement with its parties, signatures and exact text. */
    record AgreementDetails(String number, int version, AgreementStatus status, String requestReference,
            String sha256, LocalDate effectiveDate, LocalDate expiryDate, String conditions, List<Party> parties,
            List<SignatureEntry> signatures, String text) {
    }

    /** A party and the one who signs for it. */
    record Party(String name, String role, String signatory, String signatoryName) {
    }

    /** A signature and its evidence. */
    record SignatureEntry(String signer, String party, String typedName, Instant time, String ip, String userAgent,
            String sha256) {
    }

    /**
     * A line of the register of agreements. {@code status} is the agreement's own; {@code registerStatus} is what
     * the register filters on (EXPIRING for one in force that ends within 30 days), {@code statusInWords} its words.
     */
    record RegisterEntry(String number, int version, AgreementStatus status, String requestReference,
            LocalDate effectiveDate, LocalDate expiryDate, String sha256, String registerStatus,
            String statusInWords, String title, List<RegisterParty> parties, List<RegisterDataset> datasets,
            Classification classification, boolean personalInformation) {
    }

    /** A party on a register line: role OWNER or RECIPIENT, its name, and its department code (none if outside). */
    record RegisterParty(String role, String name, String department) {
    }

    /** A dataset on a register line. */
    record RegisterDataset(String code, String name, Classification classification, boolean personalInformation) {
    }
}
