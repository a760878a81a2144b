package org.steward.workflow.agreement;

import java.util.List;
import java.util.stream.Collectors;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestText;
import org.springframework.stereotype.Component;

/** Writes the text of a data-sharing agreement from a request; the exact text is what signatories sign. */
@Component
class AgreementText {

    String render(String number, int version, DataRequest request, List<Dataset> datasets,
            List<AgreementParty> parties, List<String> conditions) {
        RequestText t = request.text();
        StringBuilder doc = new StringBuilder();
        doc.append("DATA-SHARING AGREEMENT ").append(number).append(", version ").append(version).append("\n");
        doc.append("For data request ").append(request.getReference()).append(": ").append(t.title()).append("\n\n");
        doc.append("1. Parties\n");
        for (AgreementParty p : parties) {
            doc.append("   - ").append(p.getPartyName()).append(p.getRole() == AgreementParty.Role.OWNER
                    ? " (provides the data)" : " (receives the data)").append("\n");
        }
        doc.append("\n2. Purpose and permitted use\n   ").append(t.purpose())
                .append("\n   The data may be used for this purpose only.\n");
        doc.append("\n3. Legal authority\n   ").append(t.legalBasis()).append("\n");
        doc.append("\n4. Data shared\n");
        for (RequestText.DatasetWanted wanted : t.datasets()) {
            Dataset dataset = datasets.stream().filter(d -> d.getCode().equals(wanted.code())).findFirst().orElse(null);
            doc.append("   - ").append(wanted.code());
            if (dataset != null) {
                doc.append(" (").append(dataset.getName()).append(", ").append(dataset.getClassification())
                        .append(dataset.isPii() ? ", holds personal information" : "").append(")");
            }
            doc.append(": ").append(wanted.elements().isEmpty() ? "all elements"
                    : String.join(", ", wanted.elements())).append("\n");
        }
        doc.append("\n5. Frequency and delivery\n   ").append(t.frequency() == null ? "" : t.frequency().name()
                .toLowerCase().replace('_', '-')).append("; ").append(t.deliveryMethod()).append("\n");
        doc.append("\n6. Security controls\n   ").append(t.securityControls()).append("\n");
        doc.append("\n7. Retention and destruction\n   ").append(t.retention()).append("\n");
        doc.append("\n8. Breach notification\n   The recipient tells the providing parties of any breach or suspected"
                + " breach within 72 hours of learning of it.\n");
        doc.append("\n9. No onward sharing\n   The recipient shares the data with no one else without the written"
                + " consent of the providing parties.\n");
        doc.append("\n10. Term\n   From the date of the last signature until ").append(t.endDate())
                .append(". Either party may end it early in writing.\n");
        doc.append("\n11. Conditions set by reviewers\n");
        if (conditions.isEmpty()) {
            doc.append("   None.\n");
        } else {
            doc.append(conditions.stream().map(c -> "   " + c).collect(Collectors.joining("\n"))).append("\n");
        }
        doc.append("\n12. Signatories\n");
        for (AgreementParty p : parties) {
            doc.append("   - For ").append(p.getPartyName()).append(": ")
                    .append(p.getSignatoryName() != null ? p.getSignatoryName() : p.getSignatoryKey()).append("\n");
        }
        return doc.toString();
    }
}
