package org.steward.portal.agreement;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.steward.workflow.agreement.AgreementPdf;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;

/**
 * An agreement by its number, for pages and API alike, only for people who may see its request; and its signed PDF
 * as a download. One they may not see is not found in the same words as one that does not exist, without even its
 * request's reference.
 */
@Component
class VisibleAgreements {

    /** What a person hears while the agreement is not in force yet. */
    static final String NO_PDF_YET = "This agreement has no signed PDF yet: it is made when the last signature is in.";

    private final AgreementService agreements;
    private final RequestService requests;

    VisibleAgreements(AgreementService agreements, RequestService requests) {
        this.agreements = agreements;
        this.requests = requests;
    }

    /** The latest version of the agreement, with its request. */
    Seen find(Person person, String number) {
        DataSharingAgreement agreement = agreements.byNumber(number)
                .orElseThrow(() -> StewardProblem.notFound("Agreement " + number));
        try {
            return new Seen(agreement, requests.visible(person, agreement.getRequestReference()));
        } catch (StewardProblem hidden) {
            throw hidden.kind() == StewardProblem.Kind.NOT_FOUND ? StewardProblem.notFound("Agreement " + number)
                    : hidden;
        }
    }

    /** The signed PDF of the latest version, as a file to save: DSA-2026-0001-v1.pdf. */
    ResponseEntity<byte[]> signedPdf(Person person, String number) {
        DataSharingAgreement agreement = find(person, number).agreement();
        AgreementPdf pdf = agreements.pdfOf(agreement).orElseThrow(() -> new NoSignedPdfYet(agreement.getNumber()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(agreement.getNumber() + "-v" + agreement.getVersion() + ".pdf").build().toString())
                .body(pdf.getContent());
    }

    /** An agreement and its request, as the person may see them. */
    record Seen(DataSharingAgreement agreement, DataRequest request) {
    }

    /** The agreement is there, but not in force yet: nothing signed to download. */
    static final class NoSignedPdfYet extends StewardProblem {

        private final String number;

        NoSignedPdfYet(String number) {
            super(Kind.NOT_FOUND, NO_PDF_YET);
            this.number = number;
        }

        String number() {
            return number;
        }
    }
}
