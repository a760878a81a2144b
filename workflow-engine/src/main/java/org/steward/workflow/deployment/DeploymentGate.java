package org.steward.workflow.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The engine's first deployer: every new deployment, whichever way it came (the Modeler through /engine-rest, the
 * admin pages, the API, a release), passes the gate inside the deployment's own transaction, so a refusal leaves
 * nothing behind.
 */
final class DeploymentGate implements Deployer {

    private final ModelCheck check;

    DeploymentGate(ModelCheck check) {
        this.check = check;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        // The engine also runs its deployers when it reloads a deployed model into its cache: that one passed already.
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            resources.put(resource.getName(), resource.getBytes());
        }
        ModelReport report = check.check(resources, Context.getProcessEngineConfiguration(), false);
        if (report.refused()) {
            throw new ModelRefused(report);
        }
    }
}
