package org.steward.workflow.process;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the process needs to know about the city ({@code steward.*}): the time zone and holidays its reminders and
 * escalations count working days in, and the groups that review privacy and stand in for a partner's signatory.
 *
 * @param timeZone the city's time zone: working days, due dates and the engine's clock count in it
 * @param holidays days that are not working days besides weekends (ISO dates, comma-separated)
 * @param privacyGroup the group that reviews a request whose route needs a privacy review
 * @param partnerSignatureGroup the group an outside partner's signing task waits in, to be reminded of it and to
 *     record a signature given on paper
 * @param workingDayLength for trials and tests only: unset, a working day is a day of the city's calendar; set (as
 *     {@code 5s}), every working day lasts this long, weekends and holidays left out, so that reminders, escalations
 *     and due dates fall due within seconds
 */
@ConfigurationProperties("steward")
public record ProcessSettings(
        @DefaultValue("America/Chicago") ZoneId timeZone,
        @DefaultValue List<LocalDate> holidays,
        @DefaultValue("privacy-office") String privacyGroup,
        @DefaultValue("admins") String partnerSignatureGroup,
        Duration workingDayLength) {

    public ProcessSettings {
        holidays = List.copyOf(holidays);
        if (workingDayLength != null && (workingDayLength.isNegative() || workingDayLength.isZero())) {
            throw new IllegalArgumentException("steward.working-day-length must be longer than zero (as 10s), or "
                    + "unset for the city's calendar; it is " + workingDayLength);
        }
    }
}
