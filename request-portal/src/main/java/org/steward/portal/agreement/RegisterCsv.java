package org.steward.portal.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.steward.portal.system.CsvFile;
import org.steward.workflow.agreement.AgreementRegister;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementRegister.Party;

/** The register as a CSV file: one line per agreement, with the columns of the register page. */
final class RegisterCsv {

    static final List<String> HEADER = List.of("Agreement", "Version", "Status", "Provided by", "Received by",
            "Datasets", "Highest classification", "Personal information", "In force from", "Expires", "Request",
            "Title");

    private RegisterCsv() {
    }

    /** The download: the file, named after the day it was drawn up, as an attachment. */
    static ResponseEntity<byte[]> download(List<Line> lines, LocalDate today) {
        return CsvFile.download("steward-agreements-" + today + ".csv", write(lines));
    }

    static String write(List<Line> lines) {
        return CsvFile.write(HEADER, lines.stream().map(line -> List.of(line.number(), String.valueOf(line.version()),
                line.standing().words(), names(line.providers()), names(line.recipients()),
                line.datasets().stream().map(AgreementRegister.SharedDataset::name).collect(Collectors.joining("; ")),
                AgreementRegister.inWords(line.classification()), line.personalInformation() ? "Yes" : "No",
                line.effectiveDate() == null ? "" : line.effectiveDate().toString(),
                line.expiryDate() == null ? "" : line.expiryDate().toString(), line.requestReference(),
                line.title())).toList());
    }

    private static String names(List<Party> parties) {
        return parties.stream().map(Party::name).collect(Collectors.joining("; "));
    }
}
