package org.steward.portal.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.steward.portal.system.CsvFile;
import org.steward.portal.request.PlainWords;
import org.steward.workflow.report.TurnaroundReport.Step;
import org.steward.workflow.report.TurnaroundReport.StepReport;

/**
 * The step table as a CSV file (RFC 4180, UTF-8, CRLF) with the same numbers as the API: times in hours to one
 * decimal, empty where none is known. A cell that a spreadsheet would run as a formula is written as text.
 */
final class ReportCsv {

    static final List<String> HEADER = List.of("Step", "Step name", "Decisions", "Outcomes",
            "Decisions with a known waiting time", "Median hours to decide", "90th percentile hours to decide",
            "Waiting now", "Oldest waiting since");

    private ReportCsv() {
    }

    /** The download, named after its period, as an attachment; times in the city's time zone. */
    static ResponseEntity<byte[]> download(StepReport report, PlainWords words, ZoneId zone) {
        return CsvFile.download("steward-turnaround-" + report.period().from() + "-to-" + report.period().to()
                + ".csv", write(report.steps(), words, zone));
    }

    static String write(List<Step> steps, PlainWords words, ZoneId zone) {
        return CsvFile.write(HEADER, steps.stream().map(step -> List.of(step.step(), step.name(),
                String.valueOf(step.decisions()),
                step.outcomes().entrySet().stream().map(e -> words.outcome(e.getKey()) + ": " + e.getValue())
                        .collect(Collectors.joining("; ")),
                String.valueOf(step.timedDecisions()), number(step.medianHours()), number(step.percentile90Hours()),
                String.valueOf(step.waitingNow()), moment(step.oldestWaitingSince(), zone))).toList());
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    private static String moment(Instant moment, ZoneId zone) {
        return moment == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment.atZone(zone));
    }
}
