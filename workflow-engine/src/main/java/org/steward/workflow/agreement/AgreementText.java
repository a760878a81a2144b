package org.steward.workflow.agreement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestText;
import org.springframework.stereotype.Component;

/**
 * Writes the document of a data-sharing agreement from a request, through the agreement template: every value is
 * escaped, so what a requester typed is shown as typed and never becomes markup. The result is what signatories
 * sign, byte for byte.
 */
@Component
class AgreementText {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.US);

    private final AgreementTemplate template;
    private final int breachWindowHours;

    AgreementText(AgreementTemplate template, AgreementProperties settings) {
        this.template = template;
        this.breachWindowHours = settings.breachWindowHours();
    }

    String render(String number, int version, LocalDate draftedOn, DataRequest request, List<Dataset> datasets,
            List<AgreementParty> parties, List<String> conditions) {
        return AgreementTemplate.fill(template.load().html(),
                values(number, version, draftedOn, request, datasets, parties, conditions));
    }

    /** The value of every placeholder, as HTML. */
    Map<String, String> values(String number, int version, LocalDate draftedOn, DataRequest request,
            List<Dataset> datasets, List<AgreementParty> parties, List<String> conditions) {
        RequestText t = request.text();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("number", esc(number));
        v.put("version", Integer.toString(version));
        v.put("draftedOn", esc(day(draftedOn)));
        v.put("reference", esc(request.getReference()));
        v.put("title", esc(t.title()));
        List<String> owners = parties.stream().filter(p -> p.getRole() == AgreementParty.Role.OWNER)
                .map(AgreementParty::getPartyName).distinct().toList();
        v.put("requestingParty", esc(parties.stream().filter(p -> p.getRole() == AgreementParty.Role.RECIPIENT)
                .map(AgreementParty::getPartyName).findFirst().orElse("")));
        v.put("owningParties", esc(sentence(owners)));
        v.put("parties", list(parties.stream().map(p -> p.getPartyName() + (p.getRole() == AgreementParty.Role.OWNER
                ? ", which provides the data" : ", which receives the data")).toList()));
        v.put("purpose", esc(t.purpose()));
        v.put("legalAuthority", esc(t.legalBasis()));
        Classification highest = datasets.stream().map(Dataset::getClassification).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        boolean pii = datasets.stream().anyMatch(Dataset::isPii);
        v.put("classification", esc((highest == null ? "not classified" : words(highest.name()))
                + (pii ? ", holds personal information" : ", no personal information")));
        v.put("dataElements", elements(t, datasets));
        v.put("frequency", esc(t.frequency() == null ? "" : switch (t.frequency()) {
            case ONE_TIME -> "once";
            case RECURRING -> "recurring";
        }));
        v.put("deliveryMethod", esc(t.deliveryMethod()));
        v.put("securityControls", esc(t.securityControls()));
        v.put("retention", esc(t.retention()));
        v.put("breachWindowHours", Integer.toString(breachWindowHours));
        v.put("startDate", esc(day(t.startDate())));
        v.put("expiryDate", esc(day(t.endDate())));
        // Word for word: a reviewer's line breaks are kept.
        v.put("conditions", conditions.isEmpty() ? "<p>None.</p>" : "<ul>" + conditions.stream()
                .map(c -> "<li>" + esc(c).replace("\r\n", "\n").replace("\n", "<br/>") + "</li>")
                .collect(java.util.stream.Collectors.joining()) + "</ul>");
        v.put("signatories", list(parties.stream().map(p -> "For " + p.getPartyName() + ": "
                + (p.getSignatoryName() != null ? p.getSignatoryName() : p.getSignatoryKey())).toList()));
        return v;
    }

    private static String elements(RequestText t, List<Dataset> datasets) {
        StringBuilder table = new StringBuilder("<table><thead><tr><th>Dataset</th><th>Provided by</th>"
                + "<th>Classification</th><th>Elements shared</th></tr></thead><tbody>");
        for (RequestText.DatasetWanted wanted : t.datasets()) {
            Dataset d = datasets.stream().filter(x -> x.getCode().equals(wanted.code())).findFirst().orElse(null);
            table.append("<tr><td>").append(esc(d == null ? wanted.code() : d.getName() + " (" + d.getCode() + ")"))
                    .append("</td><td>").append(esc(d == null ? "" : d.getDepartment().getName()))
                    .append("</td><td>").append(esc(d == null || d.getClassification() == null ? ""
                            : words(d.getClassification().name()) + (d.isPii() ? ", personal information" : "")))
                    .append("</td><td>").append(esc(wanted.elements().isEmpty()
                            ? "All elements" + (d == null ? "" : ": " + String.join(", ", d.getElements()))
                            : String.join(", ", wanted.elements())))
                    .append("</td></tr>");
        }
        return table.append("</tbody></table>").toString();
    }

    private static String list(List<String> items) {
        StringBuilder html = new StringBuilder("<ul>");
        items.forEach(item -> html.append("<li>").append(esc(item)).append("</li>"));
        return html.append("</ul>").toString();
    }

    private static String sentence(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String words(String constant) {
        String w = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    /** Escapes text for XHTML: the characters that could start markup or an entity. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
