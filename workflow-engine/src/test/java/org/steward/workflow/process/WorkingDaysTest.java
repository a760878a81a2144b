package org.steward.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Working days count in the city's time zone, skip weekends and the configured holidays, and keep the time of day. */
class WorkingDaysTest {

    private static final ZoneId CITY = ZoneId.of("America/Chicago");

    private static WorkingDays at(String localTime, String... holidays) {
        ZonedDateTime now = ZonedDateTime.parse(localTime + "-06:00[America/Chicago]");
        return new WorkingDays(Clock.fixed(now.toInstant(), CITY), settings(holidays));
    }

    private static ProcessSettings settings(String... holidays) {
        return new ProcessSettings(CITY, Stream.of(holidays).map(LocalDate::parse).toList(), "privacy-office",
                "admins", null);
    }

    private static ZonedDateTime local(java.util.Date date) {
        return date.toInstant().atZone(CITY);
    }

    @Test
    void twoWorkingDaysFromAThursdayIsTheNextMonday() {
        assertThat(local(at("2026-11-19T10:30:00").after(2)))
                .isEqualTo(ZonedDateTime.parse("2026-11-23T10:30:00-06:00[America/Chicago]"));
    }

    @Test
    void fiveWorkingDaysFromAMondayIsTheNextMonday() {
        assertThat(local(at("2026-11-16T09:00:00").after(5)).toLocalDate()).isEqualTo("2026-11-23");
    }

    @Test
    void aHolidayIsSkippedLikeAWeekend() {
        // Thursday 26 November 2026 declared a holiday: Wednesday + 2 working days is Monday, not Friday.
        assertThat(local(at("2026-11-25T14:00:00", "2026-11-26", "2026-11-27").after(2)).toLocalDate())
                .isEqualTo("2026-12-01");
        assertThat(local(at("2026-11-25T14:00:00", "2026-11-26").after(2)).toLocalDate()).isEqualTo("2026-11-30");
    }

    @Test
    void daysAreCountedInTheCitysTimeZoneNotTheServers() {
        // Friday 23:30 in the city is already Saturday in UTC; one working day later is Monday 23:30 city time.
        ZonedDateTime fridayNight = ZonedDateTime.parse("2026-11-20T23:30:00-06:00[America/Chicago]");
        WorkingDays days = new WorkingDays(Clock.fixed(fridayNight.toInstant(), CITY), settings());
        assertThat(local(days.after(1))).isEqualTo(ZonedDateTime.parse("2026-11-23T23:30:00-06:00[America/Chicago]"));
    }

    @Test
    void aWorkingDayLengthSetForATrialMakesEveryDayThatLongWeekendsAndHolidaysIncluded() {
        ZonedDateTime fridayNight = ZonedDateTime.parse("2026-11-20T23:30:00-06:00[America/Chicago]");
        WorkingDays days = new WorkingDays(Clock.fixed(fridayNight.toInstant(), CITY), new ProcessSettings(CITY,
                java.util.List.of(LocalDate.parse("2026-11-21")), "privacy-office", "admins",
                java.time.Duration.ofSeconds(5)));
        assertThat(local(days.after(2))).isEqualTo(fridayNight.plusSeconds(10));
    }
}
