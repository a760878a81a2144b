package org.steward.workflow.version;

import java.util.List;
import org.steward.workflow.deployment.Finding;
import org.steward.workflow.problem.StewardProblem;

/** A deployment refused whole, with every problem found (file, element id, what is wrong): nothing was deployed. */
public class DeploymentRefused extends StewardProblem {

    private final transient List<Finding> errors;
    private final transient List<Finding> warnings;

    public DeploymentRefused(List<Finding> errors, List<Finding> warnings) {
        super(Kind.INVALID, "Nothing was deployed: " + String.join("; ", errors.stream().map(Finding::line).toList()));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /** A refusal of the files themselves (none chosen, wrong kind, empty), before any model was read. */
    static DeploymentRefused of(String problem) {
        return new DeploymentRefused(List.of(new Finding(null, null, problem)), List.of());
    }

    public List<Finding> errors() {
        return errors;
    }

    public List<Finding> warnings() {
        return warnings;
    }
}
