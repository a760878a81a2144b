package org.steward.workflow.problem;

import java.time.LocalDate;
import java.util.Map;

/**
 * The dates Steward accepts in any field: from 1900-01-01 to 2100-12-31. Anything outside is a typing slip (a year
 * 0, -1 or 99999 would otherwise be stored as another date, or not at all on MySQL), refused in plain words.
 */
public final class DateLimit {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private DateLimit() {
    }

    /** Whether the date is one Steward accepts (null is no date, and not refused here). */
    public static boolean accepts(LocalDate date) {
        return date == null || !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /** Puts the refusal under {@code field} when the date is out of range; answers whether it is accepted. */
    public static boolean check(Map<String, String> errors, String field, LocalDate date) {
        if (accepts(date)) {
            return true;
        }
        errors.put(field, outOfRange(date));
        return false;
    }

    /** The refusal in plain words. */
    public static String outOfRange(LocalDate date) {
        return "The date " + date + " is out of range: use a date between " + EARLIEST + " and " + LATEST + ".";
    }
}
