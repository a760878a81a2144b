package org.steward.portal.startup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node starts ({@code steward.startup.*}).
 *
 * @param databaseWait how long a starting node waits for its database to answer, trying again every few seconds and
 *     saying why in the log each time, before it gives up and exits
 */
@ConfigurationProperties("steward.startup")
public record StartupSettings(@DefaultValue("5m") Duration databaseWait) {

    /** A length of time as the setting is written: "5m", "90s", "1500ms". */
    static String words(Duration time) {
        long millis = time.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
