package org.steward.workflow.version;

import java.time.Instant;
import org.steward.workflow.deployment.ShippedModels;

/**
 * One deployed version of a process or a decision: what it is, where it came from, who deployed it, and how much it is
 * used (requests running on it, or times the decision was evaluated).
 */
public record ModelVersion(Kind kind, String definitionId, String key, String name, int version, String versionTag,
        String resourceName, String deploymentId, String deploymentName, String source, Instant deployedAt,
        String deployedBy, long running, long evaluations, boolean latest) {

    /** A BPMN process or a DMN decision. */
    public enum Kind {
        PROCESS, DECISION
    }

    /** The deployment source of the admin page's deployments. */
    public static final String ADMIN_PAGE = "steward-admin-page";
    /** The deployment source of the models shipped with Steward, deployed at start-up. */
    public static final String RELEASE = ShippedModels.SOURCE;
    /** The deployment source the Camunda Modeler sends. */
    public static final String MODELER = "Camunda Modeler";

    /** The name a person reads: the model's name, or its key when it has none. */
    public String title() {
        return name == null || name.isBlank() ? key : name;
    }

    /** The model's file name without the folders it was deployed from, as the Modeler names it. */
    public String fileName() {
        String name = resourceName == null || resourceName.isBlank() ? key : resourceName;
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    public boolean process() {
        return kind == Kind.PROCESS;
    }

    /** Deployed at start-up: the engine recorded nobody as deploying it. */
    public boolean fromRelease() {
        return deployedBy == null;
    }

    /** Where the version came from, as an admin reads it. */
    public String sourceWords() {
        return sourceWords(source, deployedBy);
    }

    /** A deployment source as an admin reads it, knowing who deployed (nobody for start-up deployments). */
    static String sourceWords(String source, String deployedBy) {
        // Start-up deployments (today Spring Boot's auto-deployment) have no user: they are the release's models.
        if (deployedBy == null || RELEASE.equals(source)) {
            return "Steward release";
        }
        if (source == null || source.isBlank()) {
            return "Not recorded";
        }
        return ADMIN_PAGE.equals(source) ? "Admin page" : source;
    }
}
