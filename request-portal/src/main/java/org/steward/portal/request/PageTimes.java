package org.steward.portal.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Moments as people read them, in the city's time zone (as {@code @pageTimes} in templates). */
@Component
public class PageTimes {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
            Locale.ENGLISH);

    private final Clock clock;

    PageTimes(Clock clock) {
        this.clock = clock;
    }

    public String date(Instant moment) {
        return moment == null ? "" : DATE.format(moment.atZone(clock.getZone()));
    }

    public String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    public String dateTime(Instant moment) {
        return moment == null ? "" : DATE_TIME.format(moment.atZone(clock.getZone()));
    }

    /** For a {@code <time datetime>} attribute. */
    public String iso(Instant moment) {
        return moment == null ? "" : moment.toString();
    }

    /** How long ago, roughly: "less than an hour", "5 hours", "3 days". */
    public String age(Instant since) {
        if (since == null) {
            return "";
        }
        Duration age = Duration.between(since, clock.instant());
        if (age.toHours() < 1) {
            return "less than an hour";
        }
        if (age.toDays() < 1) {
            return plural(age.toHours(), "hour");
        }
        return plural(age.toDays(), "day");
    }

    public boolean overdue(Instant due) {
        return due != null && due.isBefore(clock.instant());
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
