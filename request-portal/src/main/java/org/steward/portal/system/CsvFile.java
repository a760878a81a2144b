package org.steward.portal.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A CSV download (RFC 4180: a header row, fields quoted when they hold a comma, quote or line break, lines ending in
 * CRLF, UTF-8) that a spreadsheet opens safely: a cell that would start a formula is written as text.
 */
public final class CsvFile {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private CsvFile() {
    }

    /** The file as an attachment of the name given. */
    public static ResponseEntity<byte[]> download(String fileName, String csv) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName).build().toString())
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The header row and the rows, each cell written by {@link #cell(String)}. */
    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        row(csv, header);
        rows.forEach(cells -> row(csv, cells));
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(CsvFile::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    /**
     * One field. A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
     * such a cell gets a leading apostrophe and is read as text (OWASP's advice on CSV injection).
     */
    public static String cell(String value) {
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
