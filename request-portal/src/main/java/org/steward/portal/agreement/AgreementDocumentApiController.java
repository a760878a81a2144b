package org.steward.portal.agreement;

import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.agreement.AgreementLifecycle;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.people.Person;

/**
 * An agreement's signed PDF, its check against tampering, and ending it early, for API clients. Refusals are the
 * API's problem details: 404 for what the caller may not see, 403 for who may not end it, 409 for an agreement not
 * in its term, 400 without a reason.
 */
@RestController
class AgreementDocumentApiController {

    private final VisibleAgreements visible;
    private final AgreementService agreements;
    private final AgreementLifecycle lifecycle;
    private final CurrentPerson currentPerson;

    AgreementDocumentApiController(VisibleAgreements visible, AgreementService agreements,
            AgreementLifecycle lifecycle, CurrentPerson currentPerson) {
        this.visible = visible;
        this.agreements = agreements;
        this.lifecycle = lifecycle;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/api/agreements/{number}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String number, Authentication authentication) {
        return visible.signedPdf(currentPerson.of(authentication), number);
    }

    @GetMapping("/api/agreements/{number}/verification")
    VerificationAnswer verification(@PathVariable String number, Authentication authentication) {
        DataSharingAgreement agreement = visible.find(currentPerson.of(authentication), number).agreement();
        AgreementService.Verification v = agreements.verify(agreement);
        return new VerificationAnswer(agreement.getNumber(), agreement.getVersion(), v.intact(), v.recordedSha256(),
                v.recomputedSha256(), v.recordedPdfSha256(), v.recomputedPdfSha256(), v.problems(), v.checkedAt());
    }

    @PostMapping("/api/agreements/{number}/terminate")
    TerminationAnswer terminate(@PathVariable String number, @RequestBody(required = false) TerminationBody body,
            Authentication authentication) {
        Person person = currentPerson.of(authentication);
        // The agreement's own 404 first, so that a hidden one does not name its request.
        visible.find(person, number);
        DataSharingAgreement ended = lifecycle.terminate(person, number, body == null ? null : body.reason(), "api");
        return new TerminationAnswer(ended.getNumber(), ended.getVersion(), ended.getStatus(),
                ended.getRequestReference(), ended.getTerminatedBy(), ended.getTerminatedAt(),
                ended.getTerminationReason());
    }

    /** Why the agreement ends early. */
    record TerminationBody(String reason) {
    }

    /** The agreement once ended: its new status, who ended it, when and why. */
    record TerminationAnswer(String number, int version, AgreementStatus status, String requestReference,
            String terminatedBy, Instant terminatedAt, String reason) {
    }

    /** Whether the stored agreement is as recorded and signed, with both hashes of the text and of the PDF. */
    record VerificationAnswer(String number, int version, boolean intact, String recordedSha256,
            String recomputedSha256, String recordedPdfSha256, String recomputedPdfSha256, List<String> problems,
            Instant checkedAt) {
    }
}
