package org.steward.workflow.agreement;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of agreements, one line per agreement (its latest version), filtered in one place for the register
 * page, the API, the CSV export and the public view.
 */
@Service
@Transactional(readOnly = true)
public class AgreementRegister {

    /** An agreement in force whose expiry date is this many days away or fewer is listed as expiring. */
    public static final int EXPIRING_WITHIN_DAYS = 30;

    private final AgreementRepository agreements;
    private final RequestService requests;
    private final CatalogService catalog;
    private final EntityManager entities;
    private final Clock clock;

    AgreementRegister(AgreementRepository agreements, RequestService requests, CatalogService catalog,
            EntityManager entities, Clock clock) {
        this.agreements = agreements;
        this.requests = requests;
        this.catalog = catalog;
        this.entities = entities;
        this.clock = clock;
    }

    /** The lines on requests the person may see that match the filters, and how many they may see in all. */
    public Listing lines(Person person, Filters filters) {
        Map<String, DataRequest> visible = requests.visibleWithAgreement(person).stream()
                .collect(Collectors.toMap(DataRequest::getReference, Function.identity(), (a, b) -> a));
        List<DataSharingAgreement> latest = agreements.findLatestVersions().stream()
                .filter(a -> visible.containsKey(a.getRequestReference())).toList();
        List<Line> all = lines(latest, visible);
        return new Listing(all.stream().filter(filters::matches).toList(), all.size());
    }

    /** Every agreement in force, those expiring soon included, whoever asks: for the public view. */
    public List<Line> inForce() {
        List<DataSharingAgreement> inForce = agreements.findLatestVersions().stream()
                .filter(a -> a.getStatus() == AgreementStatus.IN_FORCE).toList();
        if (inForce.isEmpty()) {
            return List.of();
        }
        Map<String, DataRequest> byReference = entities.createQuery(
                        "select r from DataRequest r where r.reference in :references", DataRequest.class)
                .setParameter("references", inForce.stream().map(DataSharingAgreement::getRequestReference).toList())
                .getResultList().stream()
                .collect(Collectors.toMap(DataRequest::getReference, Function.identity(), (a, b) -> a));
        return lines(inForce, byReference);
    }

    /** Today by the engine's clock, in the city's time zone: the day the register is drawn up. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private List<Line> lines(List<DataSharingAgreement> agreementList, Map<String, DataRequest> requestsByReference) {
        if (agreementList.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Party>> partiesById = partiesOf(agreementList.stream().map(DataSharingAgreement::getId).toList());
        Map<String, Dataset> catalogue = catalog.datasets().stream()
                .collect(Collectors.toMap(Dataset::getCode, Function.identity(), (a, b) -> a));
        LocalDate today = today();
        List<Line> lines = new ArrayList<>();
        for (DataSharingAgreement agreement : agreementList) {
            DataRequest request = requestsByReference.get(agreement.getRequestReference());
            List<SharedDataset> datasets = request == null ? List.of() : request.getDatasets().stream()
                    .map(wanted -> Optional.ofNullable(catalogue.get(wanted.getDatasetCode()))
                            .map(d -> new SharedDataset(d.getCode(), d.getName(), d.getClassification(), d.isPii()))
                            // A dataset no longer in the catalogue keeps its code as its name.
                            .orElse(new SharedDataset(wanted.getDatasetCode(), wanted.getDatasetCode(), null, false)))
                    .toList();
            Classification highest = datasets.stream().map(SharedDataset::classification).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            lines.add(new Line(agreement.getNumber(), agreement.getVersion(), agreement.getStatus(),
                    Standing.of(agreement.getStatus(), agreement.getExpiryDate(), today),
                    agreement.getRequestReference(), request == null ? "" : request.getTitle(),
                    request == null ? "" : request.text().purpose(),
                    partiesById.getOrDefault(agreement.getId(), List.of()), datasets, highest,
                    datasets.stream().anyMatch(SharedDataset::personalInformation), agreement.getEffectiveDate(),
                    agreement.getExpiryDate(), agreement.getSha256()));
        }
        return lines;
    }

    /** The parties of many agreement versions in one query, in the order they were drafted. */
    private Map<Long, List<Party>> partiesOf(Collection<Long> agreementIds) {
        Map<Long, List<Party>> parties = new HashMap<>();
        entities.createQuery("select p.agreementId, p from AgreementParty p where p.agreementId in :ids order by p.id",
                        Object[].class)
                .setParameter("ids", agreementIds).getResultList()
                .forEach(row -> {
                    AgreementParty party = (AgreementParty) row[1];
                    parties.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                            .add(new Party(party.getRole(), party.getPartyName(), party.getDepartment()));
                });
        return parties;
    }

    /** Classifications as people say them. */
    public static String inWords(Classification classification) {
        if (classification == null) {
            return "Not classified";
        }
        return switch (classification) {
            case PUBLIC -> "Public";
            case INTERNAL -> "Internal";
            case CONFIDENTIAL -> "Confidential";
            case RESTRICTED -> "Restricted";
        };
    }

    /**
     * Where an agreement stands in the register: its status, except that an agreement in force that ends within
     * {@value #EXPIRING_WITHIN_DAYS} days is expiring (and so not counted as plainly in force).
     */
    public enum Standing {
        DRAFT(AgreementStatus.DRAFT.inPlainWords()),
        OUT_FOR_SIGNATURE(AgreementStatus.OUT_FOR_SIGNATURE.inPlainWords()),
        IN_FORCE(AgreementStatus.IN_FORCE.inPlainWords()),
        EXPIRING("Expiring within " + EXPIRING_WITHIN_DAYS + " days"),
        EXPIRED(AgreementStatus.EXPIRED.inPlainWords()),
        TERMINATED(AgreementStatus.TERMINATED.inPlainWords()),
        SUPERSEDED(AgreementStatus.SUPERSEDED.inPlainWords());

        private final String words;

        Standing(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** The standing of an agreement with this status and expiry date, on the day given. */
        public static Standing of(AgreementStatus status, LocalDate expiryDate, LocalDate today) {
            if (status == AgreementStatus.IN_FORCE && expiryDate != null
                    && !expiryDate.isAfter(today.plusDays(EXPIRING_WITHIN_DAYS))) {
                return EXPIRING;
            }
            return valueOf(status.name());
        }

        /** A standing by its name, in any case (status=expiring, status=IN_FORCE). */
        public static Optional<Standing> named(String name) {
            return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name.trim())).findFirst();
        }
    }

    /** A party to an agreement: a department (with its code) or an outside organisation (no code). */
    public record Party(AgreementParty.Role role, String name, String department) {

        public boolean outsideTheCity() {
            return department == null;
        }
    }

    /** A dataset shared under an agreement, with how sensitive it is. */
    public record SharedDataset(String code, String name, Classification classification,
            boolean personalInformation) {
    }

    /** A line of the register: the latest version of one agreement, with what it shares, between whom, and when. */
    public record Line(String number, int version, AgreementStatus status, Standing standing, String requestReference,
            String title, String purpose, List<Party> parties, List<SharedDataset> datasets,
            Classification classification, boolean personalInformation, LocalDate effectiveDate,
            LocalDate expiryDate, String sha256) {

        /** The departments that provide the data. */
        public List<Party> providers() {
            return parties.stream().filter(p -> p.role() == AgreementParty.Role.OWNER).toList();
        }

        /** Who receives the data: a department or an outside organisation. */
        public List<Party> recipients() {
            return parties.stream().filter(p -> p.role() == AgreementParty.Role.RECIPIENT).toList();
        }
    }

    /** The lines that matched, and how many lines there were before filtering. */
    public record Listing(List<Line> lines, int total) {
    }

    /**
     * What to list; each filter is optional and they combine. A party is a department code (PW) or words in a
     * party's name (an outside organisation's, or a department's); the text is looked for in the agreement's number,
     * the request's reference and its title; the classification is the line's highest.
     */
    public record Filters(Standing status, String party, String dataset, Classification classification,
            String text) {

        /** No filter: every line. */
        public static final Filters NONE = new Filters(null, null, null, null, null);

        public Filters {
            party = blankToNull(party);
            dataset = blankToNull(dataset);
            text = blankToNull(text);
        }

        /**
         * Filters as a query string or a form gives them; blank means any. A status or classification that does
         * not exist is refused with the values that do.
         */
        public static Filters read(String status, String party, String dataset, String classification, String text) {
            Map<String, String> errors = new LinkedHashMap<>();
            Standing standing = null;
            if (blankToNull(status) != null) {
                standing = Standing.named(status).orElse(null);
                if (standing == null) {
                    errors.put("status", "There is no status \"" + status.trim() + "\". Use one of: "
                            + Arrays.stream(Standing.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")) + ".");
                }
            }
            Classification level = null;
            if (blankToNull(classification) != null) {
                level = Arrays.stream(Classification.values())
                        .filter(c -> c.name().equalsIgnoreCase(classification.trim())).findFirst().orElse(null);
                if (level == null) {
                    errors.put("classification", "There is no classification \"" + classification.trim()
                            + "\". Use one of: " + Arrays.stream(Classification.values())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                            + ".");
                }
            }
            if (!errors.isEmpty()) {
                throw StewardProblem.invalid(errors);
            }
            return new Filters(standing, party, dataset, level, text);
        }

        /** Whether any filter is set. */
        public boolean any() {
            return status != null || party != null || dataset != null || classification != null || text != null;
        }

        public boolean matches(Line line) {
            return (status == null || line.standing() == status)
                    && (party == null || line.parties().stream().anyMatch(this::isParty))
                    && (dataset == null || line.datasets().stream().anyMatch(d -> d.code().equalsIgnoreCase(dataset)))
                    && (classification == null || line.classification() == classification)
                    && (text == null || contains(line.number()) || contains(line.requestReference())
                            || contains(line.title()));
        }

        private boolean isParty(Party candidate) {
            return (candidate.department() != null && candidate.department().equalsIgnoreCase(party))
                    || (candidate.name() != null && candidate.name().toLowerCase(Locale.ROOT)
                            .contains(party.toLowerCase(Locale.ROOT)));
        }

        private boolean contains(String value) {
            return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
