package org.steward.workflow.process;

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
 */
@ConfigurationProperties("steward")
public record ProcessSettings(
        @DefaultValue("America/Chicago") ZoneId timeZone,
        @DefaultValue List<LocalDate> holidays,
        @DefaultValue("privacy-office") String privacyGroup,
        @DefaultValue("admins") String partnerSignatureGroup) {

    public ProcessSettings {
        holidays = List.copyOf(holidays);
    }
}
