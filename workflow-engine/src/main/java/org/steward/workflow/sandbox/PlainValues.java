package org.steward.workflow.sandbox;

import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

/** The values a model may hold and pass around: text, numbers, yes/no, dates, and lists and maps of those. */
final class PlainValues {

    private static final int DEEPEST = 32;

    private PlainValues() {
    }

    static boolean plain(Object value) {
        return plain(value, 0);
    }

    static void require(Object value, String what) {
        if (!plain(value)) {
            throw SandboxRefusal.value(value, what);
        }
    }

    /** A value that holds no other: text, a number, yes/no, a date, a time, a duration. */
    static boolean plainOnItsOwn(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Date || value instanceof Temporal
                || value instanceof TemporalAmount || value instanceof Enum<?>;
    }

    private static boolean plain(Object value, int depth) {
        if (depth > DEEPEST) {
            return false;
        }
        if (value == null || plainOnItsOwn(value)) {
            return true;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().allMatch(item -> plain(item, depth + 1));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .allMatch(e -> plain(e.getKey(), depth + 1) && plain(e.getValue(), depth + 1));
        }
        return false;
    }
}
