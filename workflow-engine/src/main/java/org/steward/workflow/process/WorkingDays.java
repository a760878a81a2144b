package org.steward.workflow.process;

import java.time.Clock;
import java.time.DayOfWeek;
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

    WorkingDays(Clock clock, ProcessSettings settings) {
        this.clock = clock;
        this.holidays = Set.copyOf(settings.holidays());
    }

    @ModelMethod
    public Date after(int days) {
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
