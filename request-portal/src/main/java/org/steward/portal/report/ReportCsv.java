package org.steward.portal.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.steward.portal.request.PlainWords;
import org.steward.workflow.report.TurnaroundReport.Step;
import org.steward.workflow.report.TurnaroundReport.StepReport;

/**
 * The step table as a CSV file (RFC 4180, UTF-8, CRLF) with the same numbers as the API: times in hours to one
 * decimal, empty where none is known. A cell that a spreadsheet would run as a formula is written as text.
 */
final class ReportCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    static final List<String> HEADER = List.of("Step", "Step name", "Decisions", "Outcomes",
            "Decisions with a known waiting time", "Median hours to decide", "90th percentile hours to decide",
            "Waiting now", "Oldest waiting since");

    private ReportCsv() {
    }

    /** The download, named after its period, as an attachment; times in the city's time zone. */
    static ResponseEntity<byte[]> download(StepReport report, PlainWords words, ZoneId zone) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("steward-turnaround-" + report.period().from() + "-to-" + report.period().to()
                                + ".csv").build().toString())
                .body(write(report.steps(), words, zone).getBytes(StandardCharsets.UTF_8));
    }

    static String write(List<Step> steps, PlainWords words, ZoneId zone) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (Step step : steps) {
            row(csv, List.of(step.step(), step.name(), String.valueOf(step.decisions()),
                    step.outcomes().entrySet().stream().map(e -> words.outcome(e.getKey()) + ": " + e.getValue())
                            .collect(Collectors.joining("; ")),
                    String.valueOf(step.timedDecisions()), number(step.medianHours()),
                    number(step.percentile90Hours()), String.valueOf(step.waitingNow()),
                    moment(step.oldestWaitingSince(), zone)));
        }
        return csv.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    private static String moment(Instant moment, ZoneId zone) {
        return moment == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment.atZone(zone));
    }

    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(ReportCsv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    /** One field; a leading = + - @ (or tab, carriage return) gets an apostrophe so a spreadsheet reads it as text. */
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
