package org.steward.workflow.deployment;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.version.ModelVersion;

/**
 * The engine's last deployer: writes one audit event for each process and decision a new deployment made, in the
 * deployment's own transaction, with who deployed it and how (admin page, Modeler, engine API, or the release).
 */
final class DeploymentAudit implements Deployer {

    private final ObjectProvider<AuditTrail> audit;

    DeploymentAudit(ObjectProvider<AuditTrail> audit) {
        this.audit = audit;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        String user = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthenticatedUserId();
        String channel = channel(deployment.getSource(), user);
        String actor = user == null ? AuditTrail.SYSTEM : user;
        if (deployment.getDeployedProcessDefinitions() != null) {
            for (ProcessDefinition definition : deployment.getDeployedProcessDefinitions()) {
                audit.getObject().record(null, AuditEventType.MODEL_DEPLOYED, actor, channel,
                        new AuditDetail.ModelChanged(definition.getKey(), definition.getName(),
                                definition.getVersion(), deployment.getId()));
            }
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            for (DecisionDefinition definition : deployment.getDeployedDecisionDefinitions()) {
                audit.getObject().record(null, AuditEventType.MODEL_DEPLOYED, actor, channel,
                        new AuditDetail.ModelChanged(definition.getKey(), definition.getName(),
                                definition.getVersion(), deployment.getId()));
            }
        }
    }

    /** The admin pages name their deployments; the Modeler names itself; anything else by a person came by the API. */
    private static String channel(String source, String user) {
        if (user == null || ModelVersion.RELEASE.equals(source)) {
            return AuditTrail.SYSTEM;
        }
        if (ModelVersion.ADMIN_PAGE.equals(source)) {
            return AuditTrail.WEB;
        }
        return source != null && source.toLowerCase().contains("modeler") ? AuditTrail.MODELER : "api";
    }
}
