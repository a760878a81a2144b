package org.steward.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The city's settings are read as an operator writes them in application.properties or the environment. */
class ProcessSettingsTest {

    private static ProcessSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("steward", Bindable.of(ProcessSettings.class));
    }

    @Test
    void nothingSetMeansChicagoNoHolidaysAndTheShippedGroups() {
        ProcessSettings settings = bind(Map.of());
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(settings.holidays()).isEmpty();
        assertThat(settings.privacyGroup()).isEqualTo("privacy-office");
        assertThat(settings.partnerSignatureGroup()).isEqualTo("admins");
    }

    @Test
    void holidaysAreIsoDatesSeparatedByCommasWithOrWithoutSpaces() {
        assertThat(bind(Map.of("steward.holidays", "")).holidays()).as("left empty, as shipped").isEmpty();
        assertThat(bind(Map.of("steward.holidays", "2026-12-25, 2027-01-01 ,2027-07-05")).holidays())
                .containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 7, 5));
        assertThat(bind(Map.of("steward.time-zone", "Europe/Helsinki")).timeZone())
                .isEqualTo(ZoneId.of("Europe/Helsinki"));
    }

    @Test
    void aDateThatIsNotOneStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("steward.holidays", "25/12/2026"))).isInstanceOf(BindException.class)
                .hasMessageContaining("steward.holidays");
    }
}
