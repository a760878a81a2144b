package org.steward.portal.sandbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.LoggerFactory;
import org.steward.workflow.deployment.ModelRefused;

/**
 * The second author's probe: deploys models holding one escape attempt (with the deployment gate in the engine, or
 * taken out of it so that the run-time sandbox alone must hold), makes the engine reach the attempt, and names what
 * stopped it from the engine's own words, so that a payload that is merely broken fails the test instead of passing.
 * Copies what it needs of {@link SandboxProbe} rather than changing it.
 */
final class SecondAuthorProbe {

    /** What stopped an attempt, or that nothing did. */
    enum Stop {
        /** The deployment gate refused the model. */
        GATE(Moment.DEPLOY),
        /** The engine's own parser (or its XML reader) refused the model. */
        PARSER(Moment.DEPLOY),
        /** The sandbox refused a name, a member or a value: "Steward runs only its building blocks". */
        SANDBOX(Moment.RUN),
        /** The engine refused a script: "Steward runs no scripts". */
        NO_SCRIPT(Moment.RUN),
        /** The engine refused a Java class the model names: "Steward runs no Java class". */
        NO_CLASS(Moment.RUN),
        /** The expression names something that does not exist for models. */
        UNKNOWN_NAME(Moment.RUN),
        /** A conditional event's condition named something unknown: the engine waits, nothing runs. */
        NOT_YET_TRUE(Moment.RUN),
        /** FEEL was given a Java object and made nothing of it ("Steward's decision tables may use only ..."). */
        FEEL_NO_OBJECT(Moment.RUN),
        /** FEEL refused a function written in Java ("external functions"), which Steward's FEEL has switched off. */
        FEEL_NO_JAVA_FUNCTION(Moment.RUN),
        /** The engine refused to inject a model's field into a building block (no such field, or not of that type). */
        NO_FIELD_INJECTION(Moment.RUN),
        /** Nothing stopped it. */
        RAN(Moment.THROUGH);

        final Moment moment;

        Stop(Moment moment) {
            this.moment = moment;
        }
    }

    /** When an attempt was stopped: at deploy, at run time, or never. */
    enum Moment {
        DEPLOY, RUN, THROUGH
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<Moment, Integer> TALLY = new EnumMap<>(Moment.class);

    private final ProcessEngine engine;
    private final Path markers;
    /** The values variables named "leak" held when the last attempt ended, before its history was removed. */
    private List<String> lastLeaks = List.of();

    SecondAuthorProbe(ProcessEngine engine) {
        this.engine = engine;
        try {
            this.markers = Files.createDirectories(Path.of("target", "sandbox-markers").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String newKey() {
        return "secondAuthor" + SEQUENCE.incrementAndGet();
    }

    /** A file the attempt must not create; "MARKER" in a payload stands for it. */
    Path marker(String key) {
        return markers.resolve(key + ".marker");
    }

    /** Counts one attempt by when it was stopped, for the closing report. */
    static synchronized void count(Stop stop) {
        TALLY.merge(stop.moment, 1, Integer::sum);
    }

    static synchronized String tally() {
        int total = TALLY.values().stream().mapToInt(Integer::intValue).sum();
        return total + " attempts: refused at deploy " + TALLY.getOrDefault(Moment.DEPLOY, 0) + ", stopped at run"
                + " time " + TALLY.getOrDefault(Moment.RUN, 0) + ", got through " + TALLY.getOrDefault(Moment.THROUGH, 0);
    }

    /** What to do once the models are deployed. */
    interface Run {
        void run(Deployment deployment);
    }

    /** Deploys the resources (name to text, MARKER replaced), runs what follows, and says what stopped it. */
    Stop attempt(String key, Map<String, String> resources, boolean gate, Run afterDeploy) {
        RepositoryService repository = engine.getRepositoryService();
        // Some places (job and external task priorities) log a failed expression and go on with a default: the
        // sandbox's refusal is then found in the engine's log.
        Logger camunda = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        camunda.addAppender(logged);
        engine.getIdentityService().setAuthentication("admin", List.of("admins", "camunda-admin"));
        try {
            DeploymentBuilder builder = repository.createDeployment().name("second author " + key);
            resources.forEach((name, text) -> builder.addString(name, text.replace("MARKER", marker(key).toString())));
            Deployment deployment = gated(gate, builder::deploy);
            afterDeploy.run(deployment);
            if (waitingOnACondition(key)) {
                return Stop.NOT_YET_TRUE;
            }
            String swallowed = loggedFailures(logged);
            return swallowed.isEmpty() ? Stop.RAN : classify(swallowed, null);
        } catch (ModelRefused refused) {
            return Stop.GATE;
        } catch (RuntimeException failure) {
            return classify(failure);
        } finally {
            camunda.detachAppender(logged);
            engine.getIdentityService().clearAuthentication();
            lastLeaks = engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("leak").list()
                    .stream().map(v -> String.valueOf(v.getValue())).toList();
            repository.createDeploymentQuery().deploymentName("second author " + key).list()
                    .forEach(d -> repository.deleteDeployment(d.getId(), true, true, true));
        }
    }

    /** The words of failures the engine logged and went past, as {@link #words} gives them. */
    private static String loggedFailures(ListAppender<ILoggingEvent> logged) {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logged.list)) {
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    /** One BPMN model, started once (with the variables given) after it is deployed. */
    Stop attemptProcess(String key, String bpmn, boolean gate, Map<String, Object> variables) {
        return attempt(key, Map.of(key + ".bpmn", bpmn), gate,
                deployment -> engine.getRuntimeService().startProcessInstanceByKey(key, variables));
    }

    /** Runs something with the gate taken out of the engine's deployers, or as it is. */
    <T> T gated(boolean gate, Supplier<T> work) {
        if (gate) {
            return work.get();
        }
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        List<Deployer> all = configuration.getDeployers();
        configuration.getDeploymentCache().setDeployers(all.stream()
                .filter(deployer -> !deployer.getClass().getSimpleName().equals("DeploymentGate")).toList());
        try {
            return work.get();
        } finally {
            configuration.getDeploymentCache().setDeployers(all);
        }
    }

    /**
     * Whether a variable named "leak" held the value given (the environment, a property, a secret) when the last
     * attempt ended, or holds it now.
     */
    boolean leaked(String value) {
        List<String> now = engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("leak").list()
                .stream().map(v -> String.valueOf(v.getValue())).toList();
        return value != null && Stream.concat(lastLeaks.stream(), now.stream()).anyMatch(v -> v.contains(value));
    }

    private boolean waitingOnACondition(String key) {
        return engine.getRuntimeService().createEventSubscriptionQuery().eventType("conditional").list().stream()
                .anyMatch(subscription -> engine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceId(subscription.getProcessInstanceId()).processDefinitionKey(key).count() > 0);
    }

    /** The engine's words for a failure, every cause included. */
    static String words(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** What stopped an attempt, from the words of its failure; a failure the probe does not know fails the test. */
    static Stop classify(Throwable failure) {
        return classify(words(failure), failure);
    }

    static Stop classify(String all, Throwable failure) {
        if (all.contains("Steward runs only its building blocks")) {
            return Stop.SANDBOX;
        }
        if (all.contains("Steward's decision tables may use only")
                || all.contains("Expected context but found 'null'")) {
            return Stop.FEEL_NO_OBJECT;
        }
        if (all.contains("Steward runs no scripts")) {
            return Stop.NO_SCRIPT;
        }
        if (all.contains("Steward runs no Java class")) {
            return Stop.NO_CLASS;
        }
        if (all.contains("Cannot resolve identifier")) {
            return Stop.UNKNOWN_NAME;
        }
        if (all.contains("External functions are disabled") || all.contains("external functions are disabled")) {
            return Stop.FEEL_NO_JAVA_FUNCTION;
        }
        if (all.contains("Incompatible type set on field declaration") || all.contains("uses unexisting field")) {
            return Stop.NO_FIELD_INJECTION;
        }
        if (all.contains("The model may not") || all.contains("Steward deploys only")) {
            return Stop.GATE;
        }
        if (all.contains("ParseException") || all.contains("ENGINE-01009") || all.contains("DMN-02003")
                || all.contains("DMN-02004") || all.contains("DOCTYPE")) {
            return Stop.PARSER;
        }
        throw new AssertionError("An attempt failed for a reason the probe does not know; look whether it was"
                + " stopped or merely broken:\n" + all, failure);
    }

    /** A text as it must be written inside an XML attribute or element. */
    static String xml(String text) {
        return SandboxProbe.xml(text);
    }

    /** A model of one executable process, with elements beside it (errors, signals) and attributes of its own. */
    static String process(String key, String besides, String processAttributes, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/sandbox">
                  %2$s
                  <bpmn:process id="%1$s" name="Second author probe" isExecutable="true"
                      camunda:historyTimeToLive="P1D" %3$s>
                """.formatted(key, besides, processAttributes) + body + """
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    /** A user task the gate takes: a candidate group and a decision; attributes and extensions of its own. */
    static String userTask(String id, String attributes, String extensions, String inside) {
        return """
                <bpmn:userTask id="%1$s" name="Probe" camunda:candidateGroups="staff-cd" %2$s>
                  %4$s
                  <bpmn:extensionElements>
                    %3$s
                    <camunda:formData>
                      <camunda:formField id="decision" type="enum"><camunda:value id="done" name="Done"/>
                      </camunda:formField>
                    </camunda:formData>
                  </bpmn:extensionElements>
                </bpmn:userTask>""".formatted(id, attributes, extensions, inside);
    }

    /** A decision of one FEEL (or other) literal expression, named as given, leaving its value in "leak". */
    static String literalDecision(String key, String language, String expression) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="definitions-%1$s" name="Probe"
                    namespace="http://steward.example.org/sandbox">
                  <decision id="%1$s" name="Probe" camunda:historyTimeToLive="1">
                    <variable id="leakVariable" name="leak"/>
                    <literalExpression id="expression-%1$s" expressionLanguage="%2$s">
                      <text>%3$s</text>
                    </literalExpression>
                  </decision>
                </definitions>
                """.formatted(key, language, xml(expression));
    }

    /** Resources in the order given. */
    static Map<String, String> resources(String... namesAndTexts) {
        Map<String, String> resources = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            resources.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return resources;
    }
}
