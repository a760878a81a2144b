package org.steward.portal.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A request's data-sharing agreement with its signatures, and the register of agreements. */
@RestController
class AgreementApiController {

    private final AgreementService agreements;
    private final RequestService requests;
    private final CurrentPerson currentPerson;

    AgreementApiController(AgreementService agreements, RequestService requests, CurrentPerson currentPerson) {
        this.agreements = agreements;
        this.requests = requests;
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

    /** The register: the latest version of every agreement on a request the caller may see. */
    @GetMapping("/api/agreements")
    List<RegisterEntry> register(Authentication authentication) {
        Set<String> visible = requests.visibleTo(currentPerson.of(authentication), null).stream()
                .map(DataRequest::getReference).collect(Collectors.toSet());
        return agreements.register().stream()
                .filter(a -> visible.contains(a.getRequestReference()))
                .map(a -> new RegisterEntry(a.getNumber(), a.getVersion(), a.getStatus(), a.getRequestReference(),
                        a.getEffectiveDate(), a.getExpiryDate(), a.getSha256()))
                .toList();
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

    /** A line of the register of agreements. */
    record RegisterEntry(String number, int version, AgreementStatus status, String requestReference,
            LocalDate effectiveDate, LocalDate expiryDate, String sha256) {
    }
}
