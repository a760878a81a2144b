package org.steward.workflow.deployment;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Checks process and decision models against what Steward can run: the rules of the deployment gate, which the engine
 * applies to every deployment, and the warnings that do not block one.
 */
@Service
public class ModelCheck {

    /** Checks the resources of one deployment, by name. */
    public ModelReport check(Map<String, byte[]> resources) {
        return new ModelReport(List.of(), List.of());
    }
}
