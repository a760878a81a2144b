package org.steward.workflow.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles as a spreadsheet's PERCENTILE.INC computes them (linear between the two nearest values), so that an
 * auditor can check a figure against the raw times.
 */
final class Percentile {

    private Percentile() {
    }

    /** The p-th percentile (0 to 1) of the values; null when there are none. */
    static Double of(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
