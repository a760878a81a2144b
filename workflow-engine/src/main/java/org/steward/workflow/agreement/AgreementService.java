package org.steward.workflow.agreement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RecipientType;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.request.RequestStatusChanged;
import org.steward.workflow.request.ReferenceNumbers;
import org.steward.workflow.request.DataRequestRepository;
import org.steward.workflow.people.PeopleService;
import org.springframework.beans.factory.ObjectProvider;
import org.steward.workflow.task.DecisionRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Drafts agreements from requests, records signatures with their evidence, and keeps each agreement's status. */
@Service
public class AgreementService {

    /** The number a preview shows for a request that has no agreement yet. */
    public static final String UNNUMBERED = "DSA-(numbered when drafted)";

    private final AgreementRepository agreements;
    private final AgreementPartyRepository parties;
    private final SignatureRepository signatures;
    private final DataRequestRepository requests;
    private final ObjectProvider<PeopleService> people;
    private final CatalogService catalog;
    private final DecisionRepository decisions;
    private final ReferenceNumbers references;
    private final AgreementText text;
    private final AgreementPdfRepository pdfs;
    private final AuditTrail audit;
    private final Clock clock;

    AgreementService(AgreementRepository agreements, AgreementPartyRepository parties, SignatureRepository signatures,
            DataRequestRepository requests, ObjectProvider<PeopleService> people, CatalogService catalog, DecisionRepository decisions,
            ReferenceNumbers references, AgreementText text, AuditTrail audit, Clock clock,
            AgreementPdfRepository pdfs) {
        this.pdfs = pdfs;
        this.agreements = agreements;
        this.parties = parties;
        this.signatures = signatures;
        this.requests = requests;
        this.people = people;
        this.catalog = catalog;
        this.decisions = decisions;
        this.references = references;
        this.text = text;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Drafts the next version of the request's agreement from its current text and the conditions reviewers set in
     * this round; an earlier version is superseded and its signatures no longer count.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Drafted draft(String reference, Integer round) {
        DataRequest request = requests.findByReference(reference)
                .orElseThrow(() -> StewardProblem.notFound("Request " + reference));
        Optional<DataSharingAgreement> previous = agreements.findFirstByRequestReferenceOrderByVersionDesc(reference);
        previous.filter(p -> p.getStatus() == AgreementStatus.OUT_FOR_SIGNATURE)
                .ifPresent(p -> p.changeStatus(AgreementStatus.SUPERSEDED));
        String number = previous.map(DataSharingAgreement::getNumber).orElseGet(() -> references.next("DSA"));
        int version = previous.map(p -> p.getVersion() + 1).orElse(1);

        Composed composed = compose(request, number, version, round);
        DataSharingAgreement agreement = agreements.save(new DataSharingAgreement(number, reference, version,
                composed.document(), sha256(composed.document()), composed.conditions().isEmpty() ? null
                        : String.join("\n\n", composed.conditions()), request.text().endDate(), clock.instant()));
        composed.parties().forEach(p -> parties.save(p.belongTo(agreement.getId())));
        audit.record(reference, AuditEventType.AGREEMENT_DRAFTED, AuditTrail.SYSTEM, null,
                new AuditDetail.AgreementDrafted(number, version, agreement.getSha256()));
        return new Drafted(agreement, signatoryKeys(composed.parties()));
    }

    /**
     * The agreement's document as the template in use makes it for a request now, saving nothing and using up no
     * agreement number: for admins to see a template filled before it is used. It is what {@link #draft} would write
     * today, with the number and version of the request's current agreement (or {@link #UNNUMBERED} and version 1
     * before there is one) and the conditions of the request's latest review round.
     */
    @Transactional(readOnly = true)
    public String preview(String reference) {
        DataRequest request = requests.findByReference(reference)
                .orElseThrow(() -> StewardProblem.notFound("Request " + reference));
        if (request.getStatus() == RequestStatus.DRAFT) {
            throw new StewardProblem(Kind.CONFLICT, "Request " + reference + " is a draft that was never sent, so "
                    + "it may still lack what an agreement is made of. Choose a request that was sent.");
        }
        Optional<DataSharingAgreement> current = current(reference);
        Integer latestRound = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .map(d -> d.getRound()).filter(Objects::nonNull).max(Integer::compare).orElse(null);
        return compose(request, current.map(DataSharingAgreement::getNumber).orElse(UNNUMBERED),
                current.map(DataSharingAgreement::getVersion).orElse(1), latestRound).document();
    }

    /**
     * Everything a version of the agreement is made of, from the request as it is now: its parties, the conditions
     * reviewers set in the round given, and the document the template makes of them. Drafting and previewing share
     * it, so a preview is exactly what a draft would be.
     */
    private Composed compose(DataRequest request, String number, int version, Integer round) {
        List<AgreementParty> drafted = partiesOf(request);
        List<String> conditions = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(request.getReference())
                .stream().filter(d -> Objects.equals(d.getRound(), round) && d.getConditions() != null)
                .map(d -> d.getConditions()).toList();
        java.util.Map<String, Dataset> byCode = catalog.datasetsByCode(
                request.getDatasets().stream().map(d -> d.getDatasetCode()).toList());
        List<Dataset> datasets = request.getDatasets().stream().map(d -> byCode.get(d.getDatasetCode()))
                .filter(Objects::nonNull).toList();
        String document = text.render(number, version, LocalDate.now(clock), request, datasets, drafted, conditions);
        return new Composed(document, drafted, conditions);
    }

    /** A version's document with the parties and conditions it was made from. */
    private record Composed(String document, List<AgreementParty> parties, List<String> conditions) {
    }

    /**
     * Records a signature on the current version. The hash is that of the text the signer was shown: if the text
     * changed since, the signature is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Signature sign(String reference, String signatoryKey, String signer, String typedName, Boolean consent,
            String shownSha256, String ip, String userAgent) {
        DataSharingAgreement agreement = current(reference)
                .filter(a -> a.getStatus() == AgreementStatus.OUT_FOR_SIGNATURE)
                .orElseThrow(() -> new StewardProblem(Kind.CONFLICT,
                        "Request " + reference + " has no agreement out for signature."));
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (typedName == null || typedName.isBlank()) {
            errors.put("fields.typedName", "Type your full name to sign.");
        } else {
            FieldLimit.TYPED_NAME.check(errors, "fields.typedName", typedName.trim());
        }
        if (!Boolean.TRUE.equals(consent)) {
            errors.put("fields.consent", "Tick the box to say you have read the agreement and sign it.");
        }
        if (shownSha256 == null || shownSha256.isBlank()) {
            errors.put("fields.documentHash", "Send the SHA-256 of the agreement text you read.");
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        if (!agreement.getSha256().equalsIgnoreCase(shownSha256.trim())) {
            throw new StewardProblem(Kind.CONFLICT, "The agreement changed after you opened it (you read a text with "
                    + "SHA-256 " + shownSha256.trim() + "; version " + agreement.getVersion() + " has "
                    + agreement.getSha256() + "). Read the current text and sign again.");
        }
        List<String> represented = parties.findByAgreementIdOrderByIdAsc(agreement.getId()).stream()
                .filter(p -> p.getSignatoryKey().equals(signatoryKey))
                .map(p -> p.getPartyName() + (p.getRole() == AgreementParty.Role.OWNER ? " (provides the data)"
                        : " (receives the data)"))
                .toList();
        if (signatures.existsByAgreementIdAndSignatoryKey(agreement.getId(), signatoryKey)) {
            throw new StewardProblem(Kind.CONFLICT, "This version of the agreement is already signed for "
                    + String.join(" and ", represented) + ".");
        }
        Signature signature = signatures.save(new Signature(agreement.getId(), signatoryKey, signer,
                String.join("; ", represented), typedName.trim(), true, clock.instant(), ip, userAgent,
                agreement.getSha256()));
        audit.record(reference, AuditEventType.AGREEMENT_SIGNED, signer, null, new AuditDetail.AgreementSigned(
                agreement.getNumber(), agreement.getVersion(), typedName.trim(), List.copyOf(represented)));
        return signature;
    }

    /** The last signature is in: the agreement is in force from today until the request's end date. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void activate(String reference) {
        DataSharingAgreement agreement = current(reference).orElseThrow(() -> missing(reference));
        agreement.takeEffect(LocalDate.now(clock));
        AgreementPdf pdf = pdfs.save(new AgreementPdf(agreement.getId(),
                AgreementPdf.render(agreement, signatures.findByAgreementIdOrderBySignedAtAscIdAsc(agreement.getId())),
                clock.instant()));
        audit.record(reference, AuditEventType.AGREEMENT_IN_FORCE, AuditTrail.SYSTEM, null,
                new AuditDetail.AgreementInForce(agreement.getNumber(), agreement.getVersion(),
                        agreement.getExpiryDate(), pdf.getSha256()));
    }

    /** The latest version of an agreement by its number. */
    @Transactional(readOnly = true)
    public Optional<DataSharingAgreement> byNumber(String number) {
        return agreements.findFirstByNumberOrderByVersionDesc(number);
    }

    /** The signed PDF of an agreement version, once it is in force. */
    @Transactional(readOnly = true)
    public Optional<AgreementPdf> pdfOf(DataSharingAgreement agreement) {
        return pdfs.findById(agreement.getId());
    }

    /**
     * Checks the stored record against itself: the hash of the stored text against the hash kept when it was
     * drafted and the hash each signatory signed, and the stored PDF against its own hash.
     */
    @Transactional(readOnly = true)
    public Verification verify(DataSharingAgreement agreement) {
        DataSharingAgreement stored = agreements.findById(agreement.getId()).orElseThrow();
        String recomputed = sha256(stored.getText());
        List<String> problems = new ArrayList<>();
        if (!recomputed.equals(stored.getSha256())) {
            problems.add("The stored text of version " + stored.getVersion() + " does not match the hash recorded "
                    + "when it was drafted: it was changed afterwards.");
        }
        for (Signature s : signatures.findByAgreementIdOrderBySignedAtAscIdAsc(stored.getId())) {
            if (!recomputed.equals(s.getSha256())) {
                problems.add("The stored text is not the text " + s.getTypedName() + " signed (they signed "
                        + s.getSha256() + ").");
            }
        }
        Optional<AgreementPdf> pdf = pdfs.findById(stored.getId());
        String pdfHash = pdf.map(p -> sha256(p.getContent())).orElse(null);
        if (pdf.isPresent() && !pdfHash.equals(pdf.get().getSha256())) {
            problems.add("The stored PDF does not match the hash recorded when it was made: it was changed afterwards.");
        }
        return new Verification(problems.isEmpty(), stored.getSha256(), recomputed,
                pdf.map(AgreementPdf::getSha256).orElse(null), pdfHash, List.copyOf(problems), clock.instant());
    }

    /** The outcome of a verification, with both hashes so anyone can compare them. */
    public record Verification(boolean intact, String recordedSha256, String recomputedSha256,
            String recordedPdfSha256, String recomputedPdfSha256, List<String> problems, Instant checkedAt) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void expire(String reference) {
        DataSharingAgreement agreement = current(reference).orElseThrow(() -> missing(reference));
        agreement.changeStatus(AgreementStatus.EXPIRED);
        audit.record(reference, AuditEventType.AGREEMENT_EXPIRED, AuditTrail.SYSTEM, null,
                new AuditDetail.AgreementEnded(agreement.getNumber(), agreement.getVersion(), null, null, null));
    }

    /** A request that ends before its agreement is in force takes the unsigned agreement with it. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onRequestEnded(RequestStatusChanged change) {
        if (change.to() != RequestStatus.REJECTED && change.to() != RequestStatus.WITHDRAWN) {
            return;
        }
        current(change.reference()).filter(a -> a.getStatus() == AgreementStatus.OUT_FOR_SIGNATURE).ifPresent(a -> {
            a.changeStatus(AgreementStatus.TERMINATED);
            audit.record(change.reference(), AuditEventType.AGREEMENT_TERMINATED, AuditTrail.SYSTEM, null,
                    new AuditDetail.AgreementEnded(a.getNumber(), a.getVersion(), null, null,
                            "was never signed by all: the request is " + change.to().name().toLowerCase() + "."));
        });
    }

    @Transactional(readOnly = true)
    public Optional<DataSharingAgreement> current(String reference) {
        return agreements.findFirstByRequestReferenceOrderByVersionDesc(reference);
    }

    @Transactional(readOnly = true)
    public List<AgreementParty> partiesOf(DataSharingAgreement agreement) {
        return parties.findByAgreementIdOrderByIdAsc(agreement.getId());
    }

    @Transactional(readOnly = true)
    public List<Signature> signaturesOf(DataSharingAgreement agreement) {
        return signatures.findByAgreementIdOrderBySignedAtAscIdAsc(agreement.getId());
    }

    @Transactional(readOnly = true)
    public List<DataSharingAgreement> register() {
        return agreements.findLatestVersions();
    }

    /** The moment the agreement ends: the start of the day after its expiry date, in the city's time zone. */
    @Transactional(readOnly = true)
    public Date expiryMoment(String reference) {
        LocalDate expiry = current(reference).orElseThrow(() -> missing(reference)).getExpiryDate();
        return Date.from(expiry.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
    }

    /** Distinct signatory keys in the parties' order: a person who represents two parties signs once. */
    static List<String> signatoryKeys(List<AgreementParty> parties) {
        Set<String> keys = new LinkedHashSet<>();
        parties.forEach(p -> keys.add(p.getSignatoryKey()));
        return List.copyOf(keys);
    }

    private List<AgreementParty> partiesOf(DataRequest request) {
        List<AgreementParty> drafted = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        catalog.datasetsByCode(request.getDatasets().stream().map(d -> d.getDatasetCode()).toList()).values()
                .forEach(dataset -> owners.add(dataset.getDepartment().getCode()));
        for (String code : owners.stream().sorted().toList()) {
            Department department = catalog.department(code).orElseThrow();
            drafted.add(new AgreementParty(AgreementParty.Role.OWNER, department.getName(), code,
                    signatoryOf(department), nameOf(department), null));
        }
        if (request.getRecipientType() == RecipientType.INTERNAL) {
            Department recipient = catalog.department(request.getRecipientDepartment()).orElseThrow(
                    () -> StewardProblem.notFound("Department " + request.getRecipientDepartment()));
            drafted.add(new AgreementParty(AgreementParty.Role.RECIPIENT, recipient.getName(), recipient.getCode(),
                    signatoryOf(recipient), nameOf(recipient), null));
        } else {
            var recipient = request.text().recipient();
            drafted.add(new AgreementParty(AgreementParty.Role.RECIPIENT, recipient.organisation(), null,
                    AgreementParty.EXTERNAL, recipient.signatoryName(), recipient.signatoryEmail()));
        }
        return drafted;
    }

    /** Looked up when drafting; building blocks must not make the engine a dependency of their own creation. */
    private String nameOf(Department department) {
        return people.getObject().displayName(department.getSignatory());
    }

    private static String signatoryOf(Department department) {
        if (department.getSignatory() == null || department.getSignatory().isBlank()) {
            throw new StewardProblem(Kind.MISCONFIGURED, "Department " + department.getCode()
                    + " has no signatory (director), so its agreement cannot be signed. Ask an admin to set one.");
        }
        return department.getSignatory();
    }

    private static StewardProblem missing(String reference) {
        return new StewardProblem(Kind.MISCONFIGURED, "Request " + reference + " has no agreement; the model puts "
                + "an agreement in force or expires it before one was drafted.");
    }

    static String sha256(String document) {
        return sha256(document.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A freshly drafted version and the people who must sign it. */
    public record Drafted(DataSharingAgreement agreement, List<String> signatoryKeys) {
    }
}
