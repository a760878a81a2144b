package org.steward.portal.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.steward.portal.sandbox.Placement.Trigger;
import org.steward.workflow.deployment.ModelRefused;

/**
 * Deploys a model holding one escape attempt and makes the engine evaluate it, with the deployment gate in place or
 * taken out of the engine for the length of one attempt (so that the run-time sandbox alone must hold), and tells what
 * happened. Every attempt's deployment is removed again, whatever happened.
 */
final class SandboxProbe {

    /** What stopped an attempt, or that nothing did. */
    enum Outcome {
        /** The deployment gate refused the model. */
        REFUSED_AT_DEPLOY,
        /** The engine's sandbox refused a name, a member or a value while evaluating. */
        REFUSED_BY_SANDBOX,
        /** The expression names something that does not exist for models (no such bean or variable). */
        UNKNOWN_NAME,
        /** The engine refused to run a script. */
        NO_SCRIPT,
        /** The engine refused to create an object of a Java class the model names. */
        NO_CLASS,
        /** The engine's own parser refused the model. */
        REFUSED_BY_PARSER,
        /**
         * A conditional event's condition named something unknown, which the engine takes as "not true yet" (the
         * variable it waits for may come later), so the request waits and nothing else happens.
         */
        NOT_YET_TRUE,
        /** Nothing stopped it. */
        RAN
    }

    static final String MARKER = "MARKER";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ProcessEngine engine;
    private final Path markers;
    /** Whether the last attempt's variables ever held the environment, read before its deployment was removed. */
    private boolean leaked;

    SandboxProbe(ProcessEngine engine) throws IOException {
        this.engine = engine;
        this.markers = Files.createDirectories(Path.of("target", "sandbox-markers").toAbsolutePath());
    }

    /** A file the attempt must not create; the placeholder MARKER in a payload stands for it. */
    Path marker(String key) {
        return markers.resolve(key + ".marker");
    }

    String newKey() {
        return "sandboxProbe" + SEQUENCE.incrementAndGet();
    }

    /** A text as it must be written inside an XML attribute or element. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** A model of one executable process around the body given, with a message named as given. */
    static String process(String key, String messageName, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/sandbox">
                  <bpmn:message id="probeMessage" name="%2$s"/>
                  <bpmn:process id="%1$s" name="Sandbox probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                """.formatted(key, messageName) + body + """
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    /** A BPMN model's attempt. */
    Outcome attempt(String key, String bpmn, Trigger trigger, boolean gate) {
        return attempt(key, key + ".bpmn", bpmn, gate, deployment -> trigger(key, trigger, deployment));
    }

    /** Any model's attempt, with what to do once it is deployed. */
    Outcome attempt(String key, String resourceName, String model, boolean gate, Run afterDeploy) {
        RepositoryService repository = engine.getRepositoryService();
        Deployment deployment = null;
        // As when a person acts: currentUser() then has someone to answer.
        engine.getIdentityService().setAuthenticatedUserId("admin");
        try {
            deployment = gated(gate, () -> repository.createDeployment().name("sandbox probe " + key)
                    .addString(resourceName, model.replace(MARKER, marker(key).toString())).deploy());
            afterDeploy.run(deployment);
            return waitingOnACondition(key) ? Outcome.NOT_YET_TRUE : Outcome.RAN;
        } catch (ModelRefused refused) {
            return Outcome.REFUSED_AT_DEPLOY;
        } catch (RuntimeException failure) {
            return classify(failure);
        } finally {
            engine.getIdentityService().clearAuthentication();
            leaked = anyVariableHoldsTheEnvironment();
            if (deployment != null) {
                repository.deleteDeployment(deployment.getId(), true, true, true);
            } else {
                removeLeftovers(key);
            }
        }
    }

    /** What to do with a deployed model. */
    interface Run {
        void run(Deployment deployment);
    }

    /** Whether the last attempt left the value of the environment variable PATH in any variable. */
    boolean environmentLeaked() {
        return leaked;
    }

    private boolean anyVariableHoldsTheEnvironment() {
        String path = System.getenv("PATH");
        HistoryService history = engine.getHistoryService();
        List<HistoricVariableInstance> leaks = history.createHistoricVariableInstanceQuery().variableName("leak")
                .list();
        return path != null && leaks.stream().anyMatch(v -> path.equals(String.valueOf(v.getValue())));
    }

    /** The variables every probe starts with. */
    Map<String, Object> startVariables(String key) {
        return Map.of("probe", "PW,FIN", "probeName", "processEngine",
                "inner", ("${''.getClass()" + Payloads.FILE_FROM_CLASS + "}").replace(MARKER,
                        marker(key).toString()));
    }

    private void trigger(String key, Trigger trigger, Deployment deployment) {
        RuntimeService runtime = engine.getRuntimeService();
        switch (trigger) {
            case START -> {
                String id = runtime.startProcessInstanceByKey(key, startVariables(key)).getId();
                runJobs(engine.getManagementService().createJobQuery().processInstanceId(id).list());
            }
            case DEPLOY -> runJobs(engine.getManagementService().createJobQuery().processDefinitionKey(key)
                    .list());
            case START_FORM -> {
                FormService forms = engine.getFormService();
                String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                        .deploymentId(deployment.getId()).singleResult().getId();
                forms.getStartFormData(definition).getFormFields().forEach(field -> field.getValue());
            }
        }
    }

    private boolean waitingOnACondition(String key) {
        return engine.getRuntimeService().createEventSubscriptionQuery().eventType("conditional").list().stream()
                .anyMatch(subscription -> engine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceId(subscription.getProcessInstanceId()).processDefinitionKey(key).count() > 0);
    }

    private void runJobs(List<Job> jobs) {
        ManagementService management = engine.getManagementService();
        for (Job job : jobs) {
            management.executeJob(job.getId());
        }
    }

    /** Runs the deployment with the gate in the engine's deployers, or without it. */
    private <T> T gated(boolean gate, Supplier<T> deploy) {
        if (gate) {
            return deploy.get();
        }
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        List<Deployer> all = configuration.getDeployers();
        configuration.getDeploymentCache().setDeployers(all.stream()
                .filter(deployer -> !deployer.getClass().getSimpleName().equals("DeploymentGate")).toList());
        try {
            return deploy.get();
        } finally {
            configuration.getDeploymentCache().setDeployers(all);
        }
    }

    private void removeLeftovers(String key) {
        RepositoryService repository = engine.getRepositoryService();
        repository.createDeploymentQuery().deploymentName("sandbox probe " + key).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true, true, true));
    }

    private static Outcome classify(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        String all = messages.toString();
        if (all.contains("Steward runs only its building blocks")
                || all.contains("Steward's decision tables may use only")) {
            return Outcome.REFUSED_BY_SANDBOX;
        }
        if (all.contains("Steward runs no scripts")) {
            return Outcome.NO_SCRIPT;
        }
        if (all.contains("Steward runs no Java class")) {
            return Outcome.NO_CLASS;
        }
        if (all.contains("Cannot resolve identifier")) {
            return Outcome.UNKNOWN_NAME;
        }
        if (all.contains("ParseException") || all.contains("ENGINE-01009")) {
            return Outcome.REFUSED_BY_PARSER;
        }
        throw new AssertionError("An attempt failed for a reason the probe does not know; look whether it was"
                + " stopped or merely broken:\n" + all, failure);
    }
}
