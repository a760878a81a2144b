package org.steward.portal.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.steward.portal.request.DisplayNames;
import org.steward.workflow.agreement.AgreementLifecycle;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementPdf;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.agreement.Signature;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.request.RequestStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One agreement's page, for the page itself and for the forms on it that answer with it (a check of the agreement,
 * an early end refused): the exact text, parties, signatures with their evidence, the signed PDF, the result of a
 * check, and the form to end it early for those who may.
 */
@Component
class AgreementPage {

    static final String VIEW = "agreements/agreement";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss z",
            Locale.ENGLISH);

    private final AgreementService agreements;
    private final AgreementLifecycle lifecycle;
    private final VisibleAgreements visible;
    private final PeopleService people;
    private final RequestService requests;
    private final Clock clock;

    AgreementPage(AgreementService agreements, AgreementLifecycle lifecycle, VisibleAgreements visible,
            PeopleService people, RequestService requests, Clock clock) {
        this.requests = requests;
        this.agreements = agreements;
        this.lifecycle = lifecycle;
        this.visible = visible;
        this.people = people;
        this.clock = clock;
    }

    /** The page as it first opens: no check run yet, the end-early form empty. */
    String show(Model model, Person person, String number) {
        return show(model, person, number, null, EndEarly.empty());
    }

    /** The page with a check's result (or null) and the end-early form as it was sent, with its errors. */
    String show(Model model, Person person, String number, AgreementService.Verification verification,
            EndEarly endEarly) {
        VisibleAgreements.Seen seen = visible.find(person, number);
        DataSharingAgreement agreement = seen.agreement();
        DataRequest request = seen.request();
        DisplayNames names = new DisplayNames(people);
        List<Signature> signatures = agreements.signaturesOf(agreement);
        Map<String, Signature> byKey = new HashMap<>();
        signatures.forEach(s -> byKey.putIfAbsent(s.getSignatoryKey(), s));
        List<AgreementParty> parties = agreements.partiesOf(agreement);
        model.addAttribute("agreement", agreement);
        model.addAttribute("request", request);
        model.addAttribute("statusWords", AgreementPageController.words(agreement.getStatus()));
        model.addAttribute("statusBadge", AgreementPageController.badge(agreement.getStatus()));
        model.addAttribute("effective", AgreementPageController.date(agreement.getEffectiveDate()));
        model.addAttribute("expiry", AgreementPageController.date(agreement.getExpiryDate()));
        model.addAttribute("drafted", dateTime(agreement.getCreatedAt()));
        model.addAttribute("parties", parties.stream()
                .map(p -> new PartyLine(p.getPartyName(), p.getRole() == AgreementParty.Role.OWNER
                        ? "Provides the data" : "Receives the data",
                        p.getSignatoryName() == null ? p.getSignatoryKey() : p.getSignatoryName(),
                        byKey.containsKey(p.getSignatoryKey()) ? "Signed " + dateTime(byKey.get(p.getSignatoryKey())
                                .getSignedAt()) : "Not signed"))
                .toList());
        model.addAttribute("signatures", signatures.stream()
                .map(s -> new SignatureLine(names.of(s.getSigner()), s.getParties(), s.getTypedName(),
                        dateTime(s.getSignedAt()), s.getSignedAt() == null ? null : s.getSignedAt().toString(),
                        s.getIp(), s.getUserAgent(), s.getSha256(), agreement.getSha256().equalsIgnoreCase(s.getSha256())))
                .toList());

        Optional<AgreementPdf> pdf = agreements.pdfOf(agreement);
        model.addAttribute("pdfSha256", pdf.map(AgreementPdf::getSha256).orElse(null));
        model.addAttribute("verification", verification == null ? null
                : VerificationView.of(verification, !signatures.isEmpty(), dateTime(verification.checkedAt())));
        model.addAttribute("ended", agreement.getTerminatedAt() == null ? null
                : new Ended(names.of(agreement.getTerminatedBy()), dateTime(agreement.getTerminatedAt()),
                        agreement.getTerminatedAt().toString(), agreement.getTerminationReason()));
        model.addAttribute("providers", sentence(parties.stream()
                .filter(p -> p.getRole() == AgreementParty.Role.OWNER).map(AgreementParty::getPartyName).distinct()
                .toList()));
        boolean mayTerminate = agreement.getStatus() == AgreementStatus.IN_FORCE
                && lifecycle.mayTerminate(person, agreement);
        // The model's term, which an early end interrupts, begins once the data is delivered.
        boolean inTerm = request.getStatus() == RequestStatus.IN_FORCE;
        model.addAttribute("mayEnd", mayTerminate && inTerm);
        model.addAttribute("mayEndLater", mayTerminate && !inTerm);
        model.addAttribute("endEarly", endEarly);
        model.addAttribute("mayRenew", requests.mayRenew(person, request));
        return VIEW;
    }

    private String dateTime(Instant time) {
        return time == null ? "" : DATE_TIME.format(time.atZone(clock.getZone()));
    }

    /** "Finance", "Finance and Public Works", "A, B and C". */
    private static String sentence(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * The end-early form as sent: the reason typed, whether the confirmation was ticked, the errors beside each field
     * (by field name), and a message above the form when it was refused as a whole.
     */
    record EndEarly(String reason, boolean confirmed, Map<String, String> errors, String refusal) {

        static EndEarly empty() {
            return new EndEarly("", false, Map.of(), null);
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A check of the agreement, in words: whether it is intact, what changed, both hashes and when it was checked. */
    record VerificationView(boolean intact, String headline, List<String> problems, String recordedSha256,
            String recomputedSha256, String recordedPdfSha256, String recomputedPdfSha256, String checkedAt,
            String checkedAtIso) {

        static VerificationView of(AgreementService.Verification v, boolean signed, String checkedAt) {
            String headline;
            if (v.intact()) {
                headline = "Intact: the stored text is exactly the text recorded when it was drafted"
                        + (signed ? " and the text every signatory signed" : "")
                        + (v.recordedPdfSha256() == null ? ". There is no signed PDF yet to check."
                                : ", and the stored PDF is exactly the one made when the last signature was in.");
            } else {
                headline = "Changed after signing: the stored record no longer matches the hashes recorded and "
                        + "signed. Do not rely on the text shown here; tell an admin, who can compare it with the "
                        + "signed PDF and the audit trail.";
            }
            return new VerificationView(v.intact(), headline, v.problems(), v.recordedSha256(), v.recomputedSha256(),
                    v.recordedPdfSha256(), v.recomputedPdfSha256(), checkedAt, v.checkedAt().toString());
        }
    }

    /** An agreement ended early: who ended it, when and why. */
    record Ended(String by, String at, String atIso, String reason) {
    }

    /** A party to the agreement and who signs for it. */
    record PartyLine(String name, String role, String signatory, String signed) {
    }

    /** A signature and its evidence. */
    record SignatureLine(String signer, String parties, String typedName, String time, String timeIso, String ip,
            String userAgent, String sha256, boolean matchesText) {
    }
}
