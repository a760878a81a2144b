package org.steward.workflow.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.steward.workflow.problem.DateLimit;
import org.steward.workflow.problem.StewardProblem;

/** The days a report covers, both included, counted in the city's time zone. */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** The period a report covers when none is given: the twelve months that end today. */
    public static final int DEFAULT_MONTHS = 12;

    /**
     * The period as typed (dates like 2026-01-31, each optional): a missing start is twelve months before the end,
     * a missing end is today; a date that cannot be read, or a start after the end, is refused with field errors.
     */
    public static ReportPeriod read(String from, String to, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate end = date(to, "to", errors);
        LocalDate start = date(from, "from", errors);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        end = end == null ? today : end;
        start = start == null ? end.minusMonths(DEFAULT_MONTHS).plusDays(1) : start;
        if (start.isAfter(end)) {
            throw StewardProblem.invalid(Map.of("from", "The period starts on " + start + ", after it ends on " + end
                    + ". Choose a start on or before the end."));
        }
        return new ReportPeriod(start, end);
    }

    /** The first moment of the period. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first moment after the period. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            return DateLimit.check(errors, field, date) ? date : null;
        } catch (DateTimeParseException unreadable) {
            errors.put(field, "\"" + text.strip() + "\" is not a date we can read. Write it like 2026-01-31.");
            return null;
        }
    }
}
