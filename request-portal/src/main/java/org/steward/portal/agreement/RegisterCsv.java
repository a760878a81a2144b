package org.steward.portal.agreement;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.steward.workflow.agreement.AgreementRegister;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementRegister.Party;

/**
 * The register as a CSV file (RFC 4180: a header row, fields quoted when they hold a comma, quote or line break,
 * lines ending in CRLF, UTF-8) that a spreadsheet opens safely: a cell that would start a formula is written as text.
 */
final class RegisterCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    static final List<String> HEADER = List.of("Agreement", "Version", "Status", "Provided by", "Received by",
            "Datasets", "Highest classification", "Personal information", "In force from", "Expires", "Request",
            "Title");

    private RegisterCsv() {
    }

    /** The download: the file, named after the day it was drawn up, as an attachment. */
    static ResponseEntity<byte[]> download(List<Line> lines, LocalDate today) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("steward-agreements-" + today + ".csv").build().toString())
                .body(write(lines).getBytes(StandardCharsets.UTF_8));
    }

    static String write(List<Line> lines) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (Line line : lines) {
            row(csv, List.of(line.number(), String.valueOf(line.version()), line.standing().words(),
                    names(line.providers()), names(line.recipients()),
                    line.datasets().stream().map(AgreementRegister.SharedDataset::name)
                            .collect(Collectors.joining("; ")),
                    AgreementRegister.inWords(line.classification()), line.personalInformation() ? "Yes" : "No",
                    line.effectiveDate() == null ? "" : line.effectiveDate().toString(),
                    line.expiryDate() == null ? "" : line.expiryDate().toString(), line.requestReference(),
                    line.title()));
        }
        return csv.toString();
    }

    private static String names(List<Party> parties) {
        return parties.stream().map(Party::name).collect(Collectors.joining("; "));
    }

    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(RegisterCsv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    /**
     * One field. A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
     * such a cell gets a leading apostrophe and is read as text (OWASP's advice on CSV injection).
     */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
