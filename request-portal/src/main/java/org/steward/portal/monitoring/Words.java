package org.steward.portal.monitoring;

import java.time.Duration;

/** Durations as operators read them: "47 minutes", "2 hours 5 minutes", "12 seconds". */
final class Words {

    private Words() {
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " minutes";
        }
        long hours = minutes / 60;
        return hours + " hours" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " minutes");
    }
}
