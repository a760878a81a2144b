package org.steward.workflow.deployment;

import java.util.List;

/** What the deployment gate found in a set of models: errors refuse the deployment, warnings do not. */
public record ModelReport(List<Finding> errors, List<Finding> warnings) {

    public ModelReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean refused() {
        return !errors.isEmpty();
    }
}
