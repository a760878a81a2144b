package org.steward.portal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.FEEL_NO_JAVA_FUNCTION;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.GATE;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.NO_CLASS;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.NO_FIELD_INJECTION;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.NO_SCRIPT;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.PARSER;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.RAN;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.SANDBOX;
import static org.steward.portal.sandbox.SecondAuthorProbe.Stop.UNKNOWN_NAME;
import static org.steward.portal.sandbox.SecondAuthorProbe.process;
import static org.steward.portal.sandbox.SecondAuthorProbe.resources;
import static org.steward.portal.sandbox.SecondAuthorProbe.userTask;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.steward.portal.IntegrationTest;
import org.steward.portal.sandbox.SecondAuthorProbe.Stop;
import org.steward.portal.sandbox.SecondAuthorRest.Reply;
import org.steward.portal.sandbox.SecondAuthorRest.Part;

/**
 * Bypass attempts by a second author, who did not write the sandbox: expressions in places of a model the first
 * suite does not cover, payloads it does not try, decision tables, script and class variants, and the engine's REST
 * API (variables of every type, forms, conditions, deployments). Each attempt tries to create a file, run a command,
 * read the environment or a property, reach the engine, or call a method that is not for models; each checks that
 * nothing happened and that it was stopped for the right reason (the gate, the sandbox, no scripts, no Java classes,
 * an unknown name), so that a broken payload cannot pass.
 *
 * <p>Attempts marked GETS THROUGH are real bypasses: they fail until the defence is fixed.
 */
class SecondAuthorSandboxTest extends IntegrationTest {

    private static final String FILE = "${''.getClass()" + Payloads.FILE_FROM_CLASS + "}";
    private static final String ENV = "${execution.setVariable('leak', ''.getClass()" + Payloads.ENV_FROM_CLASS + ")}";
    private static final String ENGINE = "${execution.processEngine.processEngineConfiguration.expressionManager"
            + ".createExpression(inner).getValue(execution)}";
    private static final String PATH = System.getenv("PATH");
    private static final List<String> GATE_GAPS = new ArrayList<>();

    @Autowired
    private ProcessEngine engine;

    @Autowired
    private ApplicationContext context;

    private SecondAuthorProbe probe;
    private SecondAuthorRest rest;

    @BeforeEach
    void probe() {
        probe = new SecondAuthorProbe(engine);
        rest = new SecondAuthorRest(port, json);
    }

    @AfterAll
    static void report() {
        System.out.println("Second author's bypass attempts: " + SecondAuthorProbe.tally());
        System.out.println("Attempts the gate lets through (something else stops them at run time): " + GATE_GAPS);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Expressions in places of a model the first suite does not cover

    static Stream<Arguments> newPlacements() {
        List<Arguments> all = new ArrayList<>();
        for (SecondAuthorPlacement placement : SecondAuthorPlacement.values()) {
            for (String payload : List.of(FILE, ENGINE)) {
                for (boolean gate : new boolean[] {true, false}) {
                    all.add(Arguments.of(placement, payload, gate));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, gate {2}: {1}")
    @MethodSource("newPlacements")
    void expressionsInPlacesTheFirstSuiteLeftOutAreStopped(SecondAuthorPlacement placement, String payload,
            boolean gate) {
        String key = probe.newKey();
        Stop stop = probe.attempt(key, Map.of(key + ".bpmn", placement.model(key, payload)), gate,
                deployment -> trigger(key, placement));

        count(stop);
        passedTheGate(placement.name(), gate, stop);
        assertThat(stop).as(placement + ": " + payload).isIn(gate ? List.of(GATE, SANDBOX) : List.of(SANDBOX));
        assertThat(probe.marker(key)).doesNotExist();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payloads the first suite does not try

    /** A payload, where it can sit (any step, or only a task), and what alone must stop it when the gate is out. */
    record Attempt(String name, String expression, boolean taskOnly, Stop expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Attempt> payloads() {
        return List.of(
                new Attempt("getVariableTyped of the execution",
                        "${execution.getVariableTyped('probe').getClass()" + Payloads.FILE_FROM_CLASS + "}", false,
                        SANDBOX),
                new Attempt("a variable method in capitals", "${execution.GetVariable('probe')}", false, SANDBOX),
                new Attempt("a method name read from a variable", "${execution[probeMethod]().name}", false, SANDBOX),
                new Attempt("the super execution", "${execution.superExecution.processEngine.name}", false, SANDBOX),
                new Attempt("the process instance by getters",
                        "${execution.getProcessInstance().getProcessEngine().getName()}", false, SANDBOX),
                new Attempt("the engine behind 'empty'", "${empty execution.processEngine.processEngineConfiguration"
                        + ".expressionManager.createExpression(inner).getValue(execution)}", false, SANDBOX),
                new Attempt("a choice between a building block and the execution",
                        "${(probe == 'x' ? workingDays : execution).processEngineServices.runtimeService"
                                + ".createProcessInstanceQuery().list()}", false, SANDBOX),
                new Attempt("arithmetic on the engine", "${execution.processEngine + 1}", false, SANDBOX),
                new Attempt("a model method's date, by a method", "${workingDays.after(1).getTime()}", false,
                        SANDBOX),
                new Attempt("a model method's date, by 'class'",
                        "${workingDays.after(1).class.forName('java.lang.Runtime')}", false, SANDBOX),
                new Attempt("a model method's list, by get()",
                        "${departments.list(probe).get(0).getClass()" + Payloads.FILE_FROM_CLASS + "}", false, SANDBOX),
                new Attempt("a model method's list item's bytes", "${departments.list(probe)[0].bytes}", false,
                        SANDBOX),
                new Attempt("a model method name in capitals", "${departments.List(probe)}", false, SANDBOX),
                new Attempt("a model method as a property", "${workingDays.after}", false, SANDBOX),
                new Attempt("the acting person's id",
                        "${authenticatedUserId.getClass()" + Payloads.FILE_FROM_CLASS + "}", false, SANDBOX),
                new Attempt("the acting person's groups",
                        "${currentUserGroups().getClass()" + Payloads.FILE_FROM_CLASS + "}", false, SANDBOX),
                new Attempt("a date-time object into a variable", "${execution.setVariable('leak', dateTime())}",
                        false, SANDBOX),
                new Attempt("a building block into a local variable",
                        "${execution.setVariableLocal('leak', workingDays)}", false, SANDBOX),
                new Attempt("the engine into a variable of another scope",
                        "${execution.setVariable('leak', execution.processEngine, 'step')}", false, SANDBOX),
                new Attempt("typed variables as a property", "${execution.variablesTyped}", false, SANDBOX),
                new Attempt("a variable method as a property", "${execution.getVariable}", false, SANDBOX),
                new Attempt("a method on the variables map", "${execution.getVariables().put('leak', execution)}",
                        false, SANDBOX),
                new Attempt("a variable read through the map, then its class",
                        "${execution.variables.probe.getClass()" + Payloads.FILE_FROM_CLASS + "}", false, SANDBOX),
                new Attempt("the engine by its bean name", "${processEngine.name}", false, UNKNOWN_NAME),
                new Attempt("the runtime service by its bean name",
                        "${runtimeService.createProcessInstanceQuery().list()}", false, UNKNOWN_NAME),
                new Attempt("Spring's system properties",
                        "${execution.setVariable('leak', systemProperties['user.home'])}", false, UNKNOWN_NAME),
                new Attempt("Spring's environment, for the database password",
                        "${execution.setVariable('leak', environment.getProperty('spring.datasource.password'))}",
                        false, UNKNOWN_NAME),
                new Attempt("the application context", "${applicationContext.getBean('runtimeService')}", false,
                        UNKNOWN_NAME),
                new Attempt("the variable scope", "${variableScope.getVariable('probe')}", false, UNKNOWN_NAME),
                new Attempt("the task's execution", "${task.execution.processEngine.name}", true, SANDBOX),
                new Attempt("the task's engine services", "${task.processEngineServices.runtimeService}", true,
                        SANDBOX),
                new Attempt("the task's execution by a getter", "${task.getExecution().getProcessEngineServices()}",
                        true, SANDBOX),
                new Attempt("the task's variables map's class",
                        "${task.variables.getClass()" + Payloads.FILE_FROM_CLASS + "}", true, SANDBOX));
    }

    static Stream<Arguments> newPayloads() {
        List<Arguments> all = new ArrayList<>();
        for (Attempt attempt : payloads()) {
            List<Placement> places = attempt.taskOnly() ? List.of(Placement.TASK_LISTENER)
                    : List.of(Placement.SERVICE_EXPRESSION, Placement.OUTPUT_MAPPING);
            for (Placement placement : places) {
                for (boolean gate : new boolean[] {true, false}) {
                    all.add(Arguments.of(attempt, placement, gate));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1}, gate {2}")
    @MethodSource("newPayloads")
    void payloadsTheFirstSuiteLeftOutAreStopped(Attempt attempt, Placement placement, boolean gate) {
        String key = probe.newKey();
        Stop stop = probe.attempt(key, Map.of(key + ".bpmn", placement.model(key, attempt.expression())), gate,
                deployment -> start(key));

        count(stop);
        passedTheGate(attempt.name(), gate, stop);
        assertThat(stop).as(attempt.expression())
                .isIn(gate ? List.of(GATE, attempt.expected()) : List.of(attempt.expected()));
        assertThat(probe.marker(key)).doesNotExist();
        assertThat(probe.leaked(System.getProperty("user.home"))).isFalse();
        assertThat(probe.leaked(PATH)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Decision tables

    static Stream<Arguments> decisionResultPayloads() {
        List<Arguments> all = new ArrayList<>();
        for (String payload : List.of(
                "${decisionResult.getClass()" + Payloads.FILE_FROM_CLASS + "}",
                "${decisionResult.singleResult.getClass()" + Payloads.FILE_FROM_CLASS + "}",
                "${decisionResult.getSingleResult().getEntryTyped('leak')}",
                "${decisionResult.resultList[0].entrySet()}",
                "${decisionResult.singleEntry.getClass()" + Payloads.FILE_FROM_CLASS + "}",
                "${decisionResult.getFirstResult().entryMap.getClass()" + Payloads.FILE_FROM_CLASS + "}")) {
            for (boolean gate : new boolean[] {true, false}) {
                all.add(Arguments.of(payload, gate));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, gate {1}")
    @MethodSource("decisionResultPayloads")
    void aDecisionResultGivesOnlyItsValues(String payload, boolean gate) {
        String key = probe.newKey();
        String bpmn = process(key, "", "", Placement.step("""
                <bpmn:businessRuleTask id="step" camunda:decisionRef="%1$sDecision">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:outputParameter name="copy">%2$s</camunda:outputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:businessRuleTask>""".formatted(key, SecondAuthorProbe.xml(payload))));
        String dmn = SecondAuthorProbe.literalDecision(key + "Decision", "feel", "\"a value\"");
        Stop stop = probe.attempt(key, resources(key + ".bpmn", bpmn, key + ".dmn", dmn), gate,
                deployment -> start(key));

        count(stop);
        passedTheGate("a decision result: " + payload, gate, stop);
        assertThat(stop).as(payload).isIn(gate ? List.of(GATE, SANDBOX) : List.of(SANDBOX));
        assertThat(probe.marker(key)).doesNotExist();
    }

    @Test
    void feelFunctionsWrittenInJavaAreOff() {
        String expression = "{f: function(name) external {java: {class: \"java.lang.System\", method signature:"
                + " \"getenv(String)\"}}, r: f(\"PATH\")}.r";
        for (boolean gate : new boolean[] {true, false}) {
            String key = probe.newKey();
            Object[] output = new Object[1];
            Stop stop = probe.attempt(key, Map.of(key + ".dmn",
                    SecondAuthorProbe.literalDecision(key, "feel", expression)), gate,
                    deployment -> output[0] = engine.getDecisionService().evaluateDecisionByKey(key)
                            .variables(Map.of("probe", "PW")).evaluate().getSingleEntry());

            count(stop);
            passedTheGate("a FEEL function written in Java", gate, stop);
            assertThat(stop).isEqualTo(FEEL_NO_JAVA_FUNCTION);
            assertThat(output[0]).isNull();
        }
    }

    @Test
    void feelNamedAsAScriptLanguageRunsNot() {
        // The decision engine takes "feel" (any case) and FEEL's namespaces, exactly spelled, for FEEL; "feel-scala" or
        // a namespace in lower case go to the script engines, where FEEL's own script engine would open the file with
        // no sandbox at all. The gate first let both spellings through; it now refuses them as script languages.
        for (String language : List.of("feel-scala", "http://www.omg.org/spec/dmn/20180521/feel/")) {
            for (boolean gate : new boolean[] {true, false}) {
                String key = probe.newKey();
                File file = probe.marker(key).toFile();
                Stop stop = probe.attempt(key, Map.of(key + ".dmn", DecisionSandboxTest.table(key, language,
                        "file.createNewFile()", "feel", "\"done\"")), gate,
                        deployment -> engine.getDecisionService().evaluateDecisionByKey(key)
                                .variables(Map.of("file", file)).evaluate());

                count(stop);
                passedTheGate("a decision table in " + language, gate, stop);
                assertThat(stop).as(language).isEqualTo(gate ? GATE : NO_SCRIPT);
                assertThat(file).doesNotExist();
            }
        }
    }

    @Test
    void juelInCapitalsIsStillJuelAndStopped() {
        for (boolean gate : new boolean[] {true, false}) {
            String key = probe.newKey();
            Stop stop = probe.attempt(key, Map.of(key + ".dmn", DecisionSandboxTest.table(key, "JUEL", FILE, "feel",
                    "\"done\"")), gate, deployment -> engine.getDecisionService().evaluateDecisionByKey(key)
                            .variables(Map.of("probe", "PW")).evaluate());

            count(stop);
            assertThat(stop).isEqualTo(gate ? GATE : SANDBOX);
            assertThat(probe.marker(key)).doesNotExist();
        }
    }

    @Test
    void aLiteralExpressionDecisionInJuelIsStopped() {
        for (String payload : List.of(FILE, "${variableContext.resolve('probe').getClass()"
                + Payloads.FILE_FROM_CLASS + "}")) {
            for (boolean gate : new boolean[] {true, false}) {
                String key = probe.newKey();
                Stop stop = probe.attempt(key, Map.of(key + ".dmn",
                        SecondAuthorProbe.literalDecision(key, "juel", payload)), gate,
                        deployment -> engine.getDecisionService().evaluateDecisionByKey(key)
                                .variables(Map.of("probe", "PW")).evaluate());

                count(stop);
                assertThat(stop).isEqualTo(gate ? GATE : SANDBOX);
                assertThat(probe.marker(key)).doesNotExist();
            }
        }
    }

    @Test
    void aDecisionModelWithAnExternalEntityIsNotRead() {
        String secretFile = probe.marker("xxe-secret").toString();
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file://%s">]>
                """.formatted(secretFile) + SecondAuthorProbe.literalDecision("KEY", "feel", "\"&secret;\"")
                .replace("&amp;secret;", "&secret;").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length());
        assertXxeRefused(dmn, ".dmn");
    }

    @Test
    void aProcessModelWithAnExternalEntityIsNotRead() {
        String secretFile = probe.marker("xxe-secret").toString();
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE bpmn:definitions [<!ENTITY secret SYSTEM "file://%s">]>
                """.formatted(secretFile) + process("KEY", "", "", Placement.step(
                "<bpmn:manualTask id=\"step\" name=\"&secret;\"/>")).substring(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length());
        assertXxeRefused(bpmn, ".bpmn");
    }

    private void assertXxeRefused(String template, String suffix) {
        try {
            Files.writeString(probe.marker("xxe-secret"), "the-secret-of-steward");
            for (boolean gate : new boolean[] {true, false}) {
                String key = probe.newKey();
                Stop stop = probe.attempt(key, Map.of(key + suffix, template.replace("KEY", key)), gate, deployment -> {
                });

                count(stop);
                assertThat(stop).isEqualTo(gate ? GATE : PARSER);
                assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                        .count()).isZero();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * GETS THROUGH (low impact): FEEL opens any collection that is not a list as a context of its methods. A model
     * copies the execution's variable names (a set, which the sandbox takes as a plain value) into a variable, and
     * its decision table calls {@code add} and {@code size} on that Java object. The sandbox's promise that FEEL maps
     * no Java object into a context does not hold for sets (nor for Byte, AtomicLong, Instant and other numbers and
     * temporals FEEL does not know).
     */
    @Test
    void feelCallsNoMethodOfAJavaSetAModelMade() {
        String key = probe.newKey();
        String bpmn = process(key, "", "", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="toCopy" sourceRef="start" targetRef="copy"/>
                <bpmn:intermediateThrowEvent id="copy">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:outputParameter name="names">${execution.variableNames}</camunda:outputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                </bpmn:intermediateThrowEvent>
                <bpmn:sequenceFlow id="toDecide" sourceRef="copy" targetRef="decide"/>
                <bpmn:businessRuleTask id="decide" camunda:decisionRef="%1$sDecision" camunda:resultVariable="leak"
                    camunda:mapDecisionResult="singleEntry"/>
                <bpmn:sequenceFlow id="toEnd" sourceRef="decide" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                """.formatted(key));
        String dmn = SecondAuthorProbe.literalDecision(key + "Decision", "feel",
                "{added: names.add(\"called a method of a Java set\"), r: if added then \"method called\" else null}.r");
        Stop stop = probe.attempt(key, resources(key + ".bpmn", bpmn, key + ".dmn", dmn), true,
                deployment -> engine.getRuntimeService().startProcessInstanceByKey(key, Map.of("probe", "PW")));

        count(probe.leaked("method called") ? RAN : stop);
        passedTheGate("a model's set handed to FEEL", true, stop);
        assertThat(probe.leaked("method called")).as("FEEL called add() on a java.util.HashSet").isFalse();
        assertThat(stop).isIn(GATE, SANDBOX, Stop.FEEL_NO_OBJECT);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scripts and Java classes, other spellings and places

    static Stream<Arguments> scriptsAndClasses() {
        return Stream.of(
                Arguments.of("a condition in JUEL written in capitals", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:sequenceFlow id="toChoice" sourceRef="start" targetRef="choice"/>
                        <bpmn:exclusiveGateway id="choice" default="toOther"/>
                        <bpmn:sequenceFlow id="toYes" sourceRef="choice" targetRef="yes">
                          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="JUEL">%s</bpmn:conditionExpression>
                        </bpmn:sequenceFlow>
                        <bpmn:sequenceFlow id="toOther" sourceRef="choice" targetRef="other"/>
                        <bpmn:endEvent id="yes"/>
                        <bpmn:endEvent id="other"/>
                        """.formatted(SecondAuthorProbe.xml(FILE)), NO_SCRIPT),
                Arguments.of("a condition in FEEL", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:sequenceFlow id="toChoice" sourceRef="start" targetRef="choice"/>
                        <bpmn:exclusiveGateway id="choice" default="toOther"/>
                        <bpmn:sequenceFlow id="toYes" sourceRef="choice" targetRef="yes">
                          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">probe = "x"</bpmn:conditionExpression>
                        </bpmn:sequenceFlow>
                        <bpmn:sequenceFlow id="toOther" sourceRef="choice" targetRef="other"/>
                        <bpmn:endEvent id="yes"/>
                        <bpmn:endEvent id="other"/>
                        """, NO_SCRIPT),
                Arguments.of("a FEEL script task", Placement.step("<bpmn:scriptTask id=\"step\" scriptFormat=\"feel\">"
                        + "<bpmn:script>probe</bpmn:script></bpmn:scriptTask>"), NO_SCRIPT),
                Arguments.of("a script input mapping in ' Juel' with spaces", Placement.step("<bpmn:manualTask"
                        + " id=\"step\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter"
                        + " name=\"copy\"><camunda:script scriptFormat=\" Juel \">" + SecondAuthorProbe.xml(FILE)
                        + "</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>"
                        + "</bpmn:manualTask>"), NO_SCRIPT),
                Arguments.of("a script from the deployment itself", Placement.step("<bpmn:scriptTask id=\"step\""
                        + " scriptFormat=\"juel\" camunda:resource=\"deployment://KEY.bpmn\"/>"), NO_SCRIPT),
                Arguments.of("a Java class on a message end event", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                        <bpmn:endEvent id="end"><bpmn:messageEventDefinition camunda:class="%s"/></bpmn:endEvent>
                        """.formatted(MarkerClass.class.getName()), NO_CLASS),
                Arguments.of("a Java class listening to the whole process", """
                        <bpmn:extensionElements>
                          <camunda:executionListener event="start" class="%s"/>
                        </bpmn:extensionElements>
                        <bpmn:startEvent id="start"/>
                        <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                        <bpmn:endEvent id="end"/>
                        """.formatted(MarkerClass.class.getName()), NO_CLASS),
                Arguments.of("a Java class as a delegate expression's bean name", Placement.step("<bpmn:serviceTask"
                        + " id=\"step\" camunda:delegateExpression=\"${markerClass}\"/>"), UNKNOWN_NAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scriptsAndClasses")
    void scriptsAndClassesInOtherSpellingsRunNot(String name, String body, Stop withoutGate) throws Exception {
        for (boolean gate : new boolean[] {true, false}) {
            Files.deleteIfExists(MarkerClass.MARKER);
            String key = probe.newKey();
            Stop stop = probe.attemptProcess(key, process(key, "", "", body.replace("KEY", key)), gate,
                    variables(key));

            count(stop);
            passedTheGate(name, gate, stop);
            assertThat(stop).as(name).isIn(gate ? List.of(GATE, withoutGate) : List.of(withoutGate));
            assertThat(probe.marker(key)).doesNotExist();
            assertThat(MarkerClass.MARKER).doesNotExist();
        }
    }

    @Test
    void aModelInjectsNothingIntoABuildingBlock() throws Exception {
        // camunda:field on a step that runs a building block makes the engine set that field on the shared Spring
        // bean (through a setter, or the field itself, private or final) before it runs.
        Object setStatus = configuration().getBeans().get("setStatus");
        Field progress = setStatus.getClass().getDeclaredField("progress");
        progress.setAccessible(true);
        Object before = progress.get(setStatus);
        for (String field : List.of("progress", "status")) {
            for (boolean gate : new boolean[] {true, false}) {
                String key = probe.newKey();
                String body = Placement.step("""
                        <bpmn:serviceTask id="step" camunda:delegateExpression="${setStatus}">
                          <bpmn:extensionElements><camunda:field name="%s" stringValue="injected"/></bpmn:extensionElements>
                        </bpmn:serviceTask>""".formatted(field));
                Stop stop = probe.attemptProcess(key, process(key, "", "", body), gate,
                        Map.of("status", "SUBMITTED"));

                count(stop);
                passedTheGate("a field injected into a building block", gate, stop);
                assertThat(stop).as(field).isIn(gate ? List.of(GATE, NO_FIELD_INJECTION)
                        : List.of(NO_FIELD_INJECTION));
                assertThat(progress.get(setStatus)).isSameAs(before);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Through the engine's REST API

    /**
     * GETS THROUGH: the engine's REST API builds a Java object of any class an admin names, from JSON (Jackson), before
     * it stores it as a variable: {@code POST /engine-rest/process-instance/{id}/variables/x/data} with the part
     * "type" = a class name and the part "data" (application/json) = "{}" runs that class's constructor in the Steward
     * process. {@link MarkerClass} stands for any class on the class path whose constructor does something; it writes
     * its marker file. Java serialization being off does not help: it is checked only for values that come
     * serialized, and this one is built first. (The JDK's own classes, java.io.FileOutputStream for one, are kept out
     * only by Java's module system, not by Steward: see the second assertion.)
     */
    @Test
    void aVariableUploadedAsJsonBuildsNoObjectOfAClassAnAdminNames() throws Exception {
        String key = probe.newKey();
        Files.deleteIfExists(MarkerClass.MARKER);
        try {
            String instance = startWaitingInstance(key, "");
            Reply built = rest.multipart("/process-instance/" + instance + "/variables/leak/data", List.of(
                    Part.file("data", "data.json", "application/json", "{}"),
                    Part.text("type", MarkerClass.class.getName())));
            Reply jdk = rest.multipart("/process-instance/" + instance + "/variables/leak/data", List.of(
                    Part.file("data", "data.json", "application/json",
                            json.writeValueAsString(probe.marker(key).toString())),
                    Part.text("type", "java.io.FileOutputStream")));

            count(MarkerClass.MARKER.toFile().exists() ? RAN : SANDBOX);
            count(probe.marker(key).toFile().exists() ? RAN : SANDBOX);
            assertThat(MarkerClass.MARKER).as("the engine's REST API created a %s from JSON (answer %s %s)",
                    MarkerClass.class.getName(), built.status(), built.text()).doesNotExist();
            assertThat(probe.marker(key)).as(jdk.text()).doesNotExist();
            assertThat(built.status()).isGreaterThanOrEqualTo(400);
        } finally {
            Files.deleteIfExists(MarkerClass.MARKER);
            removeDeployments(key);
        }
    }

    /** GETS THROUGH: the same as above, through a task's local variables. */
    @Test
    void aTaskVariableUploadedAsJsonBuildsNoObjectOfAClassAnAdminNames() throws Exception {
        String key = probe.newKey();
        Files.deleteIfExists(MarkerClass.MARKER);
        try {
            String instance = startWaitingInstance(key, "");
            String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
            Reply built = rest.multipart("/task/" + task + "/localVariables/leak/data", List.of(
                    Part.file("data", "data.json", "application/json", "[{}]"),
                    Part.text("type", "java.util.ArrayList<" + MarkerClass.class.getName() + ">")));

            count(MarkerClass.MARKER.toFile().exists() ? RAN : SANDBOX);
            assertThat(MarkerClass.MARKER).as("the engine's REST API created a %s from JSON (answer %s %s)",
                    MarkerClass.class.getName(), built.status(), built.text()).doesNotExist();
        } finally {
            Files.deleteIfExists(MarkerClass.MARKER);
            removeDeployments(key);
        }
    }

    /**
     * GETS THROUGH: with the upload above, an admin hands a decision table a Java object of FEEL's own
     * (org.camunda.feel.api.FeelEngineBuilder$), which the sandbox's FEEL value mapper lets through because of its
     * package; FEEL then calls its methods: it builds a FEEL engine with Java functions switched on (the very thing
     * Steward switches off) and reads its configuration into a process variable. Methods on Java objects, none of
     * them for models, run from a deployed model that passed the gate.
     */
    @Test
    void aDecisionTableCallsNoMethodOfAnObjectUploadedThroughRest() throws Exception {
        String key = probe.newKey();
        try {
            String instance = startWaitingInstance(key, """
                    {a: builder.create(), b: a.withEnabledExternalFunctions(true), r: b.configuration.externalFunctionsEnabled}.r""");
            Reply upload = rest.multipart("/process-instance/" + instance + "/variables/builder/data", List.of(
                    Part.file("data", "data.json", "application/json", "{}"),
                    Part.text("type", "org.camunda.feel.api.FeelEngineBuilder$")));
            String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
            Reply completed = rest.post("/task/" + task + "/complete", Map.of("variables",
                    Map.of("decision", Map.of("value", "done"))));

            Object leak = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                    .variableName("leak").list().stream().map(v -> v.getValue()).findFirst().orElse(null);
            count(Boolean.TRUE.equals(leak) ? RAN : SANDBOX);
            assertThat(leak).as("FEEL built an engine with Java functions from an uploaded object (upload %s, complete"
                    + " %s %s)", upload.status(), completed.status(), completed.text()).isNotEqualTo(Boolean.TRUE);
            assertThat(completed.status()).isBetween(400, 599);
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void anObjectVariableSerializedInJavaIsRefused() throws Exception {
        String key = probe.newKey();
        try {
            String instance = startWaitingInstance(key, "");
            String bytes = javaSerialized(new ArrayList<>(List.of("x")));
            Reply answer = rest.put("/process-instance/" + instance + "/variables/leak", Map.of("type", "Object",
                    "value", bytes, "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
                            "serializationDataFormat", "application/x-java-serialized-object")));

            count(answer.status() < 300 ? RAN : SANDBOX);
            assertThat(answer.status()).isBetween(400, 599);
            assertThat(answer.text()).contains("Java serialization format is prohibited");
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void aDecisionEvaluatedThroughRestDeserializesNoJavaObject() throws Exception {
        // Evaluating a decision stores no variable, so the engine's check on Java serialization never runs there:
        // the table must still not be handed the object those bytes would make.
        String key = probe.newKey();
        String bytes = javaSerialized(new ArrayList<>(List.of("deserialized")));
        try {
            Reply deployed = rest.deploy("second author " + key, Map.of(key + ".dmn",
                    SecondAuthorProbe.literalDecision(key, "feel", "probe")));
            assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
            Reply evaluated = rest.post("/decision-definition/key/" + key + "/evaluate", Map.of("variables",
                    Map.of("probe", Map.of("type", "Object", "value", bytes,
                            "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
                                    "serializationDataFormat", "application/x-java-serialized-object")))));

            count(evaluated.text().contains("deserialized\"") ? RAN : SANDBOX);
            assertThat(evaluated.text()).doesNotContain("\"deserialized\"");
            assertThat(evaluated.status()).as(evaluated.text()).isGreaterThanOrEqualTo(400);
            // The REST answer hides the cause; the same value through the Java API shows it.
            Throwable cause = catchThrowable(() -> engine.getDecisionService().evaluateDecisionByKey(key)
                    .variables(Map.of("probe", Variables.serializedObjectValue(bytes).serializationDataFormat("application/x-java-serialized-object")
                            .objectTypeName("java.util.ArrayList").create())).evaluate());
            assertThat(SecondAuthorProbe.words(cause)).containsAnyOf("not deserialized",
                    "Java serialization format is prohibited");
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void anObjectVariableInJsonIsNotBuilt() throws Exception {
        String key = probe.newKey();
        try {
            String instance = startWaitingInstance(key, "");
            Reply answer = rest.put("/process-instance/" + instance + "/variables/leak", Map.of("type", "Object",
                    "value", json.writeValueAsString(probe.marker(key).toString()),
                    "valueInfo", Map.of("objectTypeName", "java.io.FileOutputStream",
                            "serializationDataFormat", "application/json")));
            Reply typed = rest.put("/process-instance/" + instance + "/variables/leak2", Map.of("type", "Json",
                    "value", "{\"a\": 1}"));

            count(probe.marker(key).toFile().exists() ? RAN : SANDBOX);
            count(typed.status() < 300 ? RAN : SANDBOX);
            assertThat(probe.marker(key)).doesNotExist();
            assertThat(answer.status()).as(answer.text()).isBetween(400, 599);
            assertThat(answer.text()).containsIgnoringCase("serializ");
            assertThat(typed.status()).as(typed.text()).isEqualTo(400);
            assertThat(typed.text()).contains("Unsupported value type");
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void aStartFormRenderedFromTheModelItselfRunsNoScript() throws Exception {
        // The gate refuses a form key on user tasks, not on a start event; the engine's JUEL form engine renders a
        // form key as a JUEL template, and the model itself can be that template (its documentation is not checked by
        // the gate). The REST API renders with the HTML form engine (form fields only); the JUEL one is the Java API's.
        String key = probe.newKey();
        String bpmn = process(key, "", "", """
                <bpmn:documentation>%2$s</bpmn:documentation>
                <bpmn:startEvent id="start" camunda:formKey="%1$s.bpmn"/>
                <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                """.formatted(key, SecondAuthorProbe.xml(FILE.replace("MARKER", probe.marker(key).toString()))));
        try {
            Reply deployed = rest.deploy("second author " + key, Map.of(key + ".bpmn", bpmn));
            Stop stop;
            if (deployed.status() != 200) {
                stop = GATE;
            } else {
                Reply html = rest.getAny("/process-definition/key/" + key + "/rendered-form");
                assertThat(html.text()).contains("No matching rendered start form");
                String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(key).singleResult().getId();
                stop = probe.gated(true, () -> {
                    try {
                        engine.getFormService().getRenderedStartForm(definition, "juel");
                        return RAN;
                    } catch (RuntimeException refused) {
                        return SecondAuthorProbe.classify(refused);
                    }
                });
            }

            count(stop);
            passedTheGate("a start form key naming the model itself", true, stop);
            assertThat(stop).isIn(GATE, NO_SCRIPT);
            assertThat(probe.marker(key)).doesNotExist();
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void modifyingAnInstanceThroughRestIsStopped() throws Exception {
        String key = probe.newKey();
        String bpmn = process(key, "", "", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
                %s
                <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                <bpmn:serviceTask id="step" camunda:expression="%s"/>
                <bpmn:sequenceFlow id="toOtherEnd" sourceRef="step" targetRef="otherEnd"/>
                <bpmn:endEvent id="otherEnd"/>
                """.formatted(userTask("wait", "", "", ""),
                SecondAuthorProbe.xml(FILE.replace("MARKER", probe.marker(key).toString()))));
        try {
            Reply refused = rest.deploy("second author " + key, Map.of(key + ".bpmn", bpmn));
            count(refused.status() == 200 ? RAN : GATE);
            assertThat(refused.status()).isEqualTo(400);

            probe.gated(false, () -> engine.getRepositoryService().createDeployment().name("second author " + key)
                    .addString(key + ".bpmn", bpmn).deploy());
            String instance = engine.getRuntimeService().startProcessInstanceByKey(key).getId();
            Reply modified = rest.post("/process-instance/" + instance + "/modification", Map.of("instructions",
                    List.of(Map.of("type", "startBeforeActivity", "activityId", "step",
                            "variables", Map.of("probe", Map.of("value", "x"))))));
            Stop stop = modified.status() < 300 ? RAN : SecondAuthorProbe.classify(modified.text(), null);

            count(stop);
            assertThat(stop).isEqualTo(SANDBOX);
            assertThat(probe.marker(key)).doesNotExist();
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void messagesAndSignalsThroughRestStartNothingThatRuns() throws Exception {
        String key = probe.newKey();
        String payload = SecondAuthorProbe.xml(ENV);
        String bpmn = process(key, "<bpmn:message id=\"startMessage\" name=\"" + key + "-message\"/>"
                + "<bpmn:signal id=\"startSignal\" name=\"" + key + "-signal\"/>", "", """
                <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="startMessage"/></bpmn:startEvent>
                <bpmn:sequenceFlow id="fromMessage" sourceRef="byMessage" targetRef="step"/>
                <bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="startSignal"/></bpmn:startEvent>
                <bpmn:sequenceFlow id="fromSignal" sourceRef="bySignal" targetRef="step"/>
                <bpmn:serviceTask id="step" camunda:expression="%s"/>
                <bpmn:sequenceFlow id="toEnd" sourceRef="step" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                """.formatted(payload));
        try {
            probe.gated(false, () -> engine.getRepositoryService().createDeployment().name("second author " + key)
                    .addString(key + ".bpmn", bpmn).deploy());
            Reply message = rest.post("/message", Map.of("messageName", key + "-message",
                    "processVariables", Map.of("probe", Map.of("value", "x"))));
            Reply signal = rest.post("/signal", Map.of("name", key + "-signal",
                    "variables", Map.of("probe", Map.of("value", "x"))));

            for (Reply reply : List.of(message, signal)) {
                Stop stop = reply.status() < 300 ? RAN : SecondAuthorProbe.classify(reply.text(), null);
                count(stop);
                assertThat(stop).as(reply.text()).isEqualTo(SANDBOX);
            }
            assertThat(probe.leaked(PATH)).isFalse();
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void hugeAndDeepModelsAreRefusedAtTheDoor() throws Exception {
        String key = probe.newKey();
        String deep = Placement.step("<bpmn:manualTask id=\"step\"><bpmn:extensionElements>"
                + "<camunda:properties>" + "<x:a xmlns:x=\"urn:x\">".repeat(5000) + "</x:a>".repeat(5000)
                + "</camunda:properties></bpmn:extensionElements></bpmn:manualTask>");
        String huge = Placement.step("<bpmn:manualTask id=\"step\"><bpmn:documentation>" + "x".repeat(6 * 1024 * 1024)
                + "</bpmn:documentation></bpmn:manualTask>");
        try {
            for (String body : List.of(deep, huge)) {
                Reply answer = rest.deploy("second author " + key, Map.of(key + ".bpmn", process(key, "", "", body)));

                count(answer.status() == 200 ? RAN : GATE);
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.text()).containsAnyOf("nests its elements more than", "a model may have");
            }
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void evaluatingConditionsThroughRestIsStopped() throws Exception {
        String key = probe.newKey();
        String bpmn = process(key, "", "", """
                <bpmn:startEvent id="start">
                  <bpmn:conditionalEventDefinition>
                    <bpmn:condition xsi:type="bpmn:tFormalExpression">%s</bpmn:condition>
                  </bpmn:conditionalEventDefinition>
                </bpmn:startEvent>
                <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                """.formatted(SecondAuthorProbe.xml(FILE.replace("MARKER", probe.marker(key).toString()))));
        try {
            Reply refused = rest.deploy("second author " + key, Map.of(key + ".bpmn", bpmn));
            count(refused.status() == 200 ? RAN : GATE);
            assertThat(refused.status()).isEqualTo(400);

            probe.gated(false, () -> engine.getRepositoryService().createDeployment().name("second author " + key)
                    .addString(key + ".bpmn", bpmn).deploy());
            Reply evaluated = rest.post("/condition", Map.of("variables", Map.of("probe", Map.of("value", "x")),
                    "processDefinitionId", engine.getRepositoryService().createProcessDefinitionQuery()
                            .processDefinitionKey(key).singleResult().getId()));
            Stop stop = evaluated.status() < 300 ? RAN : SecondAuthorProbe.classify(evaluated.text(), null);

            count(stop);
            assertThat(stop).isEqualTo(SANDBOX);
            assertThat(probe.marker(key)).doesNotExist();
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void otherResourceNamesTheEngineReadsAreChecked() throws Exception {
        String key = probe.newKey();
        String bpmn = Placement.SERVICE_EXPRESSION.model(key, FILE.replace("MARKER", probe.marker(key).toString()));
        String dmn = DecisionSandboxTest.table(key + "d", "juel", FILE.replace("MARKER",
                probe.marker(key).toString()), "feel", "\"done\"");
        String cmmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <cmmn:definitions xmlns:cmmn="http://www.omg.org/spec/CMMN/20151109/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/cmmn" targetNamespace="http://steward.example.org">
                  <cmmn:case id="%1$sCase" camunda:historyTimeToLive="P1D"><cmmn:casePlanModel id="plan" autoComplete="true">
                    <cmmn:planItem id="item" definitionRef="human"/>
                    <cmmn:humanTask id="human" camunda:assignee="%2$s"/>
                  </cmmn:casePlanModel></cmmn:case>
                </cmmn:definitions>
                """.formatted(key, SecondAuthorProbe.xml(FILE.replace("MARKER", probe.marker(key).toString())));
        try {
            for (Map.Entry<String, String> resource : Map.of(key + ".bpmn20.xml", bpmn, key + ".dmn11.xml", dmn,
                    key + ".cmmn", cmmn, key + ".cmmn11.xml", cmmn, key + ".BPMN", bpmn).entrySet()) {
                Reply answer = rest.deploy("second author " + key, Map.of(resource.getKey(), resource.getValue()));

                count(answer.status() == 200 ? RAN : GATE);
                assertThat(answer.status()).as(resource.getKey() + ": " + answer.text()).isEqualTo(400);
            }
            assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("second author " + key)
                    .count()).isZero();

            // Without the gate, a case model's expressions meet the same sandbox (if the engine reads CMMN at all).
            probe.gated(false, () -> engine.getRepositoryService().createDeployment().name("second author " + key)
                    .addString(key + ".cmmn", cmmn).deploy());
            Stop stop;
            if (engine.getRepositoryService().createCaseDefinitionQuery().caseDefinitionKey(key + "Case").count() == 0) {
                stop = PARSER;
            } else {
                stop = probe.gated(true, () -> {
                    try {
                        engine.getCaseService().createCaseInstanceByKey(key + "Case");
                        return RAN;
                    } catch (RuntimeException refused) {
                        return SecondAuthorProbe.classify(refused);
                    }
                });
            }
            count(stop);
            assertThat(stop).as("a case model's assignee").isIn(PARSER, SANDBOX);
            assertThat(probe.marker(key)).doesNotExist();
        } finally {
            removeDeployments(key);
        }
    }

    @Test
    void twoDeploymentsAtOnceAreBothChecked() throws Exception {
        String key = probe.newKey();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Reply>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String name = key + "n" + i;
                String bpmn = Placement.TASK_LISTENER.model(name, FILE.replace("MARKER",
                        probe.marker(key).toString()));
                answers.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return rest.deploy("second author " + key, Map.of(name + ".bpmn", bpmn));
                }));
            }
            for (Future<Reply> answer : answers) {
                int status = answer.get(60, TimeUnit.SECONDS).status();
                count(status == 200 ? RAN : GATE);
                assertThat(status).isEqualTo(400);
            }
            assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("second author " + key)
                    .count()).isZero();
        } finally {
            threads.shutdownNow();
            removeDeployments(key);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Controls: the new payloads are real

    @Test
    void springsPropertiesAreReadOutOfTheBoxButNotInSteward() {
        ProcessEngineConfigurationImpl configuration = configuration();
        ExpressionManager outOfTheBox = new SpringExpressionManager(context, null);
        String home = "${systemProperties['user.home']}";
        String url = "${environment.getProperty('spring.datasource.url')}";

        Object stockHome = configuration.getCommandExecutorTxRequired().execute(c -> outOfTheBox.createExpression(home)
                .getValue(StartProcessVariableScope.getSharedInstance()));
        Object stockUrl = configuration.getCommandExecutorTxRequired().execute(c -> outOfTheBox.createExpression(url)
                .getValue(StartProcessVariableScope.getSharedInstance()));
        Throwable steward = catchThrowable(() -> configuration
                .getCommandExecutorTxRequired().execute(c -> configuration.getExpressionManager().createExpression(url)
                        .getValue(StartProcessVariableScope.getSharedInstance())));

        assertThat(stockHome).isEqualTo(System.getProperty("user.home"));
        assertThat(String.valueOf(stockUrl)).startsWith("jdbc:");
        assertThat(SecondAuthorProbe.classify(steward)).isEqualTo(UNKNOWN_NAME);
    }

    @Test
    void feelFunctionsInJavaReadTheEnvironmentOutOfTheBox() {
        FeelEngineApi stock = FeelEngineBuilder.create()
                .withEnabledExternalFunctions(true).build();

        Object read = stock.evaluateExpression("{f: function(name) external {java: {class: \"java.lang.System\","
                + " method signature: \"getenv(String)\"}}, r: f(\"PATH\")}.r", Map.<String, Object>of())
                .result();

        assertThat(read).isEqualTo(PATH);
    }

    @Test
    void theFeelScriptEngineOpensAFileOutOfTheBox() throws Exception {
        File file = probe.marker("control-feel-script").toFile();
        Files.deleteIfExists(file.toPath());
        ScriptEngine feel = new ScriptEngineManager().getEngineByName("feel-scala");
        Bindings bindings = feel.createBindings();
        bindings.put("file", file);

        Object created = feel.eval("file.createNewFile()", bindings);

        assertThat(created).isEqualTo(true);
        assertThat(file).exists();
        Files.delete(file.toPath());
    }

    @Test
    void theUserTaskDocumentationIsEvaluatedAndTheGateLetsItThrough() {
        // Proves the TASK_DOCUMENTATION placement is real: the model deploys past the gate, and the engine evaluates
        // the documentation when it creates the task (here a harmless expression that writes a variable).
        String key = probe.newKey();
        String bpmn = SecondAuthorPlacement.TASK_DOCUMENTATION.model(key, "${execution.setVariable('leak', 'ran')}");
        Stop stop = probe.attemptProcess(key, bpmn, true, Map.of("probe", "PW"));

        assertThat(stop).isEqualTo(RAN);
        assertThat(probe.leaked("ran")).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void trigger(String key, SecondAuthorPlacement placement) {
        String instance = start(key);
        if (placement.trigger == SecondAuthorPlacement.Trigger.TASK_FORM) {
            for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(instance).list()) {
                engine.getFormService().getTaskFormData(task.getId()).getFormFields()
                        .forEach(field -> List.of(String.valueOf(field.getLabel()), String.valueOf(field.getValue())));
            }
        }
    }

    /** Starts an instance with the probe's variables and runs the jobs it leaves, as the job executor would. */
    private String start(String key) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(key, variables(key)).getId();
        for (int round = 0; round < 5; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).executable()
                    .list();
            if (jobs.isEmpty()) {
                break;
            }
            for (Job job : jobs) {
                engine.getManagementService().executeJob(job.getId());
            }
        }
        return instance;
    }

    private Map<String, Object> variables(String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("probe", "PW,FIN");
        variables.put("probeName", "processEngine");
        variables.put("probeMethod", "getProcessEngine");
        variables.put("inner", FILE.replace("MARKER", probe.marker(key).toString()));
        return variables;
    }

    /**
     * Deploys through REST (past the gate) a process that waits in a user task and then runs a FEEL literal decision
     * (when given) into "leak"; starts it through REST and answers the instance's id.
     */
    private String startWaitingInstance(String key, String feel) throws Exception {
        Map<String, String> files = new HashMap<>();
        String decide = feel.isBlank() ? "" : """
                <bpmn:sequenceFlow id="toDecide" sourceRef="wait" targetRef="decide"/>
                <bpmn:businessRuleTask id="decide" camunda:decisionRef="%1$sDecision" camunda:resultVariable="leak"
                    camunda:mapDecisionResult="singleEntry"/>
                <bpmn:sequenceFlow id="toEnd" sourceRef="decide" targetRef="end"/>
                """.formatted(key);
        files.put(key + ".bpmn", process(key, "", "", """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
                %s
                %s
                <bpmn:endEvent id="end"/>
                """.formatted(userTask("wait", "", "", ""), feel.isBlank()
                ? "<bpmn:sequenceFlow id=\"toEnd\" sourceRef=\"wait\" targetRef=\"end\"/>" : decide)));
        if (!feel.isBlank()) {
            files.put(key + ".dmn", SecondAuthorProbe.literalDecision(key + "Decision", "feel", feel));
        }
        Reply deployed = rest.deploy("second author " + key, files);
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
        Reply started = rest.post("/process-definition/key/" + key + "/start", Map.of("variables",
                Map.of("probe", Map.of("value", "PW"))));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        return started.body().get("id").asText();
    }

    private void removeDeployments(String key) {
        engine.getRepositoryService().createDeploymentQuery().deploymentName("second author " + key).list()
                .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true, true, true));
    }

    private ProcessEngineConfigurationImpl configuration() {
        return ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
    }

    /** The value as Java serialization writes it, in Base64, as the REST API takes serialized objects. */
    private static String javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Notes an attempt the gate let through, for the closing report. */
    private static void passedTheGate(String name, boolean gate, Stop stop) {
        if (gate && stop != GATE) {
            synchronized (GATE_GAPS) {
                if (!GATE_GAPS.contains(name)) {
                    GATE_GAPS.add(name);
                }
            }
        }
    }

    private static void count(Stop stop) {
        SecondAuthorProbe.count(stop);
    }
}
