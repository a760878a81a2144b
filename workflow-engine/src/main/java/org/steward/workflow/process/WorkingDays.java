package org.steward.workflow.process;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Computes timer and due dates in working days: {@code ${workingDays.after(2)}} is the same time of day two working
 * days from now, in the city's time zone, skipping weekends and the configured holidays.
 */
@Component("workingDays")
@BuildingBlock
public class WorkingDays {

    private final Clock clock;
    private final Set<LocalDate> holidays;
    private final Duration shortDay;

    WorkingDays(Clock clock, ProcessSettings settings) {
        this.clock = clock;
        this.holidays = Set.copyOf(settings.holidays());
        this.shortDay = settings.workingDayLength();
    }

    @ModelMethod
    public Date after(int days) {
        if (shortDay != null) {
            // steward.working-day-length, for trials and tests: reminders within seconds, no calendar.
            return Date.from(clock.instant().plus(shortDay.multipliedBy(days)));
        }
        ZonedDateTime moment = ZonedDateTime.now(clock);
        int counted = 0;
        while (counted < days) {
            moment = moment.plusDays(1);
            if (isWorkingDay(moment.toLocalDate())) {
                counted++;
            }
        }
        return Date.from(moment.toInstant());
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}
