package org.steward.workflow.process;

import java.util.Arrays;
import java.util.List;

/** Lists kept in process variables as comma-separated strings, so no serialized Java object sits in the engine. */
final class CommaList {

    private CommaList() {
    }

    static List<String> of(String values) {
        if (values == null || values.isBlank()) {
            return List.of();
        }
        return Arrays.stream(values.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
