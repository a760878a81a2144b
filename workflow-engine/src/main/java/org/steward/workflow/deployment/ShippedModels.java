package org.steward.workflow.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Deploys the models this release of Steward ships, at start-up. A shipped model that changed since the last release
 * becomes the new version, unless an admin has deployed their own version of the same process or decision since: then
 * the admin's stays in use, and the new shipped model is held back for the admin to merge (see {@link #heldBack()}).
 */
public class ShippedModels {

    /** The deployment source of the models a release ships. */
    public static final String SOURCE = "steward-release";
    // Releases before the gate were deployed by Spring's auto-deployment under this name.
    private static final Set<String> EARLIER_RELEASE_NAMES = Set.of("SpringAutoDeployment");
    private static final Logger LOG = LoggerFactory.getLogger(ShippedModels.class);
    private static final Pattern KEY = Pattern.compile(
            "<(?:[\\w-]+:)?(process|decision)\\b[^>]*?\\bid=\"([^\"]+)\"[^>]*>", Pattern.DOTALL);

    private final ResourcePatternResolver resolver;
    private final List<String> patterns;

    public ShippedModels(ResourcePatternResolver resolver, String patterns) {
        this.resolver = resolver;
        this.patterns = Arrays.stream(patterns.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** A model this release ships, by its file name. */
    public record ShippedModel(String name, byte[] content) {
    }

    /** What a release deployment did: the models deployed as new versions, and those held back. */
    public record Outcome(List<String> deployed, List<String> heldBack) {
    }

    /** The models this release ships, read from the classpath. */
    public List<ShippedModel> models() {
        Map<String, ShippedModel> models = new LinkedHashMap<>();
        for (String pattern : patterns) {
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    models.putIfAbsent(resource.getFilename(),
                            new ShippedModel(resource.getFilename(), resource.getContentAsByteArray()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the shipped models at " + pattern, e);
            }
        }
        return List.copyOf(models.values());
    }

    /** Deploys this release's models as described above. */
    public Outcome deploy(ProcessEngine engine) {
        return deploy(engine.getRepositoryService(), models());
    }

    /** Deploys the models given as a release's, by the same rule: what a test or an upgrade check calls. */
    public Outcome deploy(RepositoryService repository, List<ShippedModel> models) {
        List<String> deployed = new ArrayList<>();
        List<String> heldBack = new ArrayList<>();
        // Two nodes of a new release starting at once both find a model new: the engine compares again under its
        // deployment lock, held across nodes, so the second deploys nothing.
        DeploymentBuilder builder = repository.createDeployment().name("Steward release").source(SOURCE)
                .enableDuplicateFiltering(false);
        for (ShippedModel model : models) {
            switch (state(repository, model)) {
                case UNCHANGED -> {
                }
                case HELD_BACK -> heldBack.add(model.name());
                case NEW -> {
                    builder.addInputStream(model.name(), new ByteArrayInputStream(model.content()));
                    deployed.add(model.name());
                }
            }
        }
        if (!deployed.isEmpty()) {
            builder.deploy();
        }
        for (String name : heldBack) {
            LOG.warn("This release of Steward ships a new {}, but an admin has deployed their own version of it since"
                    + " the last release: the admin's version stays in use. Admin > Processes offers the shipped model"
                    + " to merge.", name);
        }
        return new Outcome(deployed, heldBack);
    }

    /** The shipped models that differ from what runs because an admin's version of them is in use. */
    public List<ShippedModel> heldBack(RepositoryService repository) {
        return models().stream().filter(m -> state(repository, m) == State.HELD_BACK).toList();
    }

    private enum State { UNCHANGED, NEW, HELD_BACK }

    private State state(RepositoryService repository, ShippedModel model) {
        byte[] lastShipped = lastShipped(repository, model.name());
        if (lastShipped != null && Arrays.equals(lastShipped, model.content())) {
            return State.UNCHANGED;
        }
        return keys(model).stream().anyMatch(key -> anAdminsOwnIsInUse(repository, key, model, lastShipped))
                ? State.HELD_BACK : State.NEW;
    }

    private static byte[] lastShipped(RepositoryService repository, String name) {
        List<Deployment> releases = new ArrayList<>(repository.createDeploymentQuery().deploymentSource(SOURCE).list());
        EARLIER_RELEASE_NAMES.forEach(n -> releases.addAll(repository.createDeploymentQuery().deploymentName(n).list()));
        releases.sort(java.util.Comparator.comparing(Deployment::getDeploymentTime).reversed());
        for (Deployment deployment : releases) {
            if (repository.getDeploymentResourceNames(deployment.getId()).contains(name)) {
                try {
                    return repository.getResourceAsStream(deployment.getId(), name).readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    /**
     * Whether the newest version of the key is an admin's own design: deployed by an admin, and neither this release's
     * model nor the last release's (an admin who deployed one of those as it is took the release's model, so the
     * release may update it).
     */
    private static boolean anAdminsOwnIsInUse(RepositoryService repository, String key, ShippedModel model,
            byte[] lastShipped) {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        String deploymentId = process != null ? process.getDeploymentId()
                : decision != null ? decision.getDeploymentId() : null;
        String resource = process != null ? process.getResourceName()
                : decision != null ? decision.getResourceName() : null;
        if (deploymentId == null
                || isRelease(repository.createDeploymentQuery().deploymentId(deploymentId).singleResult())) {
            return false;
        }
        byte[] inUse;
        try {
            inUse = repository.getResourceAsStream(deploymentId, resource).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return !Arrays.equals(inUse, model.content()) && !Arrays.equals(inUse, lastShipped);
    }

    /** Whether a deployment came from a Steward release rather than from an admin. */
    public static boolean isRelease(Deployment deployment) {
        return SOURCE.equals(deployment.getSource()) || EARLIER_RELEASE_NAMES.contains(deployment.getName());
    }

    private static List<String> keys(ShippedModel model) {
        List<String> keys = new ArrayList<>();
        Matcher matcher = KEY.matcher(new String(model.content(), java.nio.charset.StandardCharsets.UTF_8));
        while (matcher.find()) {
            keys.add(matcher.group(2));
        }
        return keys;
    }
}
