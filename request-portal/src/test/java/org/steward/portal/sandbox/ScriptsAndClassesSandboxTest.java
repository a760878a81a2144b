package org.steward.portal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.portal.sandbox.Placement.Trigger;
import org.steward.portal.sandbox.SandboxProbe.Outcome;

/**
 * Models that would run a script (in any language, JUEL included) or a Java class they name: with the gate each is
 * refused at deploy time; without it the engine still runs none of them, and the marker files stay absent.
 */
class ScriptsAndClassesSandboxTest extends IntegrationTest {

    private static final String JUEL = "${''.getClass()" + Payloads.FILE_FROM_CLASS + "}";
    private static final String JAVASCRIPT = "java.lang.Runtime.getRuntime().exec('touch MARKER')";
    private static final String GROOVY = "new File('MARKER').createNewFile()";
    private static final String CLASS = MarkerClass.class.getName();

    @Autowired
    private ProcessEngine engine;

    private SandboxProbe probe;

    @BeforeEach
    void probe() throws IOException {
        probe = new SandboxProbe(engine);
        Files.deleteIfExists(MarkerClass.MARKER);
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                script("a JUEL script task", "<bpmn:scriptTask id=\"step\" scriptFormat=\"juel\"><bpmn:script>"
                        + SandboxProbe.xml(JUEL) + "</bpmn:script></bpmn:scriptTask>"),
                script("a JavaScript script task", "<bpmn:scriptTask id=\"step\" scriptFormat=\"javascript\">"
                        + "<bpmn:script>" + JAVASCRIPT + "</bpmn:script></bpmn:scriptTask>"),
                script("a Groovy script task", "<bpmn:scriptTask id=\"step\" scriptFormat=\"groovy\"><bpmn:script>"
                        + GROOVY + "</bpmn:script></bpmn:scriptTask>"),
                script("a Python script task", "<bpmn:scriptTask id=\"step\" scriptFormat=\"python\"><bpmn:script>"
                        + "open('MARKER', 'w')</bpmn:script></bpmn:scriptTask>"),
                script("a script from a file", "<bpmn:scriptTask id=\"step\" scriptFormat=\"juel\""
                        + " camunda:resource=\"classpath://application.properties\"/>"),
                Arguments.of("a JUEL script condition", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:sequenceFlow id="toChoice" sourceRef="start" targetRef="choice"/>
                        <bpmn:exclusiveGateway id="choice" default="toOther"/>
                        <bpmn:sequenceFlow id="toYes" sourceRef="choice" targetRef="yes">
                          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="juel">%s</bpmn:conditionExpression>
                        </bpmn:sequenceFlow>
                        <bpmn:sequenceFlow id="toOther" sourceRef="choice" targetRef="other"/>
                        <bpmn:endEvent id="yes"/>
                        <bpmn:endEvent id="other"/>
                        """.formatted(SandboxProbe.xml(JUEL)), Outcome.NO_SCRIPT),
                script("a script input mapping", "<bpmn:manualTask id=\"step\"><bpmn:extensionElements>"
                        + "<camunda:inputOutput><camunda:inputParameter name=\"copy\"><camunda:script"
                        + " scriptFormat=\"juel\">" + SandboxProbe.xml(JUEL) + "</camunda:script>"
                        + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>"
                        + "</bpmn:manualTask>"),
                script("a script execution listener", "<bpmn:manualTask id=\"step\"><bpmn:extensionElements>"
                        + "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">"
                        + JAVASCRIPT + "</camunda:script></camunda:executionListener></bpmn:extensionElements>"
                        + "</bpmn:manualTask>"),
                script("a script task listener", "<bpmn:userTask id=\"step\" camunda:candidateGroups=\"staff-cd\">"
                        + "<bpmn:extensionElements><camunda:taskListener event=\"create\"><camunda:script"
                        + " scriptFormat=\"juel\">" + SandboxProbe.xml(JUEL) + "</camunda:script>"
                        + "</camunda:taskListener></bpmn:extensionElements></bpmn:userTask>"),
                javaClass("a Java class as a service task", "<bpmn:serviceTask id=\"step\" camunda:class=\""
                        + CLASS + "\"/>"),
                javaClass("a Java class as an execution listener", "<bpmn:manualTask id=\"step\">"
                        + "<bpmn:extensionElements><camunda:executionListener event=\"start\" class=\"" + CLASS
                        + "\"/></bpmn:extensionElements></bpmn:manualTask>"),
                javaClass("a Java class as a task listener", "<bpmn:userTask id=\"step\""
                        + " camunda:candidateGroups=\"staff-cd\"><bpmn:extensionElements><camunda:taskListener"
                        + " event=\"create\" class=\"" + CLASS + "\"/></bpmn:extensionElements></bpmn:userTask>"),
                javaClass("a Java class as a call's variable mapping", "<bpmn:callActivity id=\"step\""
                        + " calledElement=\"data-request\" camunda:variableMappingClass=\"" + CLASS + "\"/>"),
                javaClass("a shell command task", "<bpmn:serviceTask id=\"step\" camunda:type=\"shell\">"
                        + "<bpmn:extensionElements><camunda:field name=\"command\" stringValue=\"touch\"/>"
                        + "<camunda:field name=\"arg1\" stringValue=\"MARKER\"/></bpmn:extensionElements>"
                        + "</bpmn:serviceTask>"),
                javaClass("a task form handler class", "<bpmn:userTask id=\"step\" camunda:candidateGroups="
                        + "\"staff-cd\" camunda:formHandlerClass=\"" + CLASS + "\"/>"),
                Arguments.of("a start form handler class", """
                        <bpmn:startEvent id="start" camunda:formHandlerClass="%s"/>
                        <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                        <bpmn:endEvent id="end"/>
                        """.formatted(CLASS), Outcome.NO_CLASS),
                Arguments.of("a Java form field validator", """
                        <bpmn:startEvent id="start">
                          <bpmn:extensionElements><camunda:formData><camunda:formField id="copy" type="string">
                            <camunda:validation><camunda:constraint name="validator" config="%s"/></camunda:validation>
                          </camunda:formField></camunda:formData></bpmn:extensionElements>
                        </bpmn:startEvent>
                        <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                        <bpmn:endEvent id="end"/>
                        """.formatted(CLASS), Outcome.REFUSED_BY_PARSER));
    }

    private static Arguments script(String name, String step) {
        return Arguments.of(name, Placement.step(step), Outcome.NO_SCRIPT);
    }

    private static Arguments javaClass(String name, String step) {
        return Arguments.of(name, Placement.step(step), Outcome.NO_CLASS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void theGateRefusesIt(String name, String body, Outcome withoutGate) {
        String key = probe.newKey();
        Outcome outcome = probe.attempt(key, SandboxProbe.process(key, "probe-message", body), Trigger.START, true);

        assertThat(outcome).isEqualTo(Outcome.REFUSED_AT_DEPLOY);
        assertThat(probe.marker(key)).doesNotExist();
        assertThat(MarkerClass.MARKER).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void withoutTheGateTheEngineRunsNone(String name, String body, Outcome withoutGate) {
        String key = probe.newKey();
        Outcome outcome = probe.attempt(key, SandboxProbe.process(key, "probe-message", body), Trigger.START, false);

        assertThat(outcome).isEqualTo(withoutGate);
        assertThat(probe.marker(key)).doesNotExist();
        assertThat(MarkerClass.MARKER).doesNotExist();
    }
}
