package org.steward.portal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.portal.sandbox.Payloads.Payload;
import org.steward.portal.sandbox.SandboxProbe.Outcome;

/**
 * Decision tables that try to get out: every payload as a JUEL input expression and output entry, tables in script
 * languages, and FEEL handed Java objects (which FEEL would otherwise open up as contexts of getters and methods).
 */
class DecisionSandboxTest extends IntegrationTest {

    @Autowired
    private ProcessEngine engine;

    private SandboxProbe probe;

    @BeforeEach
    void probe() throws IOException {
        probe = new SandboxProbe(engine);
    }

    static Stream<Arguments> juelAttempts() {
        List<Arguments> all = new ArrayList<>();
        // Input expressions and output entries go through the same evaluation; outputs get a few, for the path.
        for (Payload payload : Payloads.all()) {
            all.add(Arguments.of("input", payload));
        }
        for (Payload payload : Payloads.all().subList(0, 4)) {
            all.add(Arguments.of("output", payload));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "JUEL {0}: {1}")
    @MethodSource("juelAttempts")
    void juelInATableIsRefusedOrStopped(String where, Payload payload) {
        for (boolean gate : new boolean[] {true, false}) {
            String key = probe.newKey();
            String table = where.equals("input") ? table(key, "juel", payload.expression(), "feel", "\"done\"")
                    : table(key, "feel", "probe", "juel", payload.expression());
            Outcome outcome = probe.attempt(key, key + ".dmn", table, gate, deployment -> evaluate(key));

            // A table has no execution and no task: naming them is an unknown name there, as much as "environment".
            assertThat(outcome).as(payload.expression() + (gate ? " with the gate" : " without the gate"))
                    .isIn(gate ? Outcome.REFUSED_AT_DEPLOY : Outcome.REFUSED_BY_SANDBOX,
                            Outcome.REFUSED_BY_SANDBOX, Outcome.UNKNOWN_NAME);
            assertThat(probe.marker(key)).doesNotExist();
        }
    }

    @ParameterizedTest(name = "a table in {0}")
    @ValueSource(strings = {"javascript", "groovy", "python", "ecmascript"})
    void scriptLanguagesAreRefusedOrNeverRun(String language) {
        for (boolean gate : new boolean[] {true, false}) {
            String key = probe.newKey();
            String table = table(key, language, "java.lang.Runtime.getRuntime().exec('touch MARKER')", "feel",
                    "\"done\"");
            Outcome outcome = probe.attempt(key, key + ".dmn", table, gate, deployment -> evaluate(key));

            assertThat(outcome).isEqualTo(gate ? Outcome.REFUSED_AT_DEPLOY : Outcome.NO_SCRIPT);
            assertThat(probe.marker(key)).doesNotExist();
        }
    }

    @ParameterizedTest(name = "FEEL: {0}")
    @ValueSource(strings = {"file.path", "file.absoluteFile.parentFile.path", "file.createNewFile()",
            "runtime.exec(\"touch MARKER\")", "type.forName(\"java.lang.Runtime\")", "type.name",
            "{f: file}.f.path", "[file][1].path"})
    void feelOpensNoJavaObject(String expression) {
        String key = probe.newKey();
        File file = probe.marker(key).toFile();
        String table = table(key, "feel", "probe", "feel", expression.replace("MARKER", file.getPath()));
        Map<String, Object> objects = Map.of("probe", "PW", "file", file, "runtime", Runtime.getRuntime(),
                "type", String.class);
        Object[] output = new Object[1];
        Outcome outcome = probe.attempt(key, key + ".dmn", table, false, deployment -> {
            try {
                DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey(key)
                        .variables(objects).evaluate();
                output[0] = result.getSingleEntry();
            } catch (ProcessEngineException failed) {
                // FEEL sees no context where the object was: calling a member of it fails.
                assertThat(failed).hasStackTraceContaining("Expected context but found 'null'");
                output[0] = null;
            }
        });

        // FEEL takes the refused object as null (it does not stop at errors in values): nothing comes out of it.
        assertThat(outcome).isEqualTo(Outcome.RAN);
        assertThat(output[0]).as("what FEEL made of the Java objects").isNull();
        assertThat(file).doesNotExist();
    }

    private void evaluate(String key) {
        engine.getDecisionService().evaluateDecisionByKey(key).variables(probe.startVariables(key)).evaluate();
    }

    /** A table of one input and one rule whose output is the expression given (each in its own language). */
    static String table(String key, String inputLanguage, String input, String outputLanguage, String output) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="definitions-%1$s" name="Probe"
                    namespace="http://steward.example.org/sandbox">
                  <decision id="%1$s" name="Probe" camunda:historyTimeToLive="1">
                    <decisionTable id="table-%1$s" hitPolicy="FIRST">
                      <input id="in" label="In">
                        <inputExpression id="inExpression" expressionLanguage="%2$s"><text>%3$s</text></inputExpression>
                      </input>
                      <output id="out" label="Out" name="out"/>
                      <rule id="only">
                        <inputEntry id="anyIn"><text></text></inputEntry>
                        <outputEntry id="theOut" expressionLanguage="%4$s"><text>%5$s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(key, inputLanguage, SandboxProbe.xml(input), outputLanguage,
                SandboxProbe.xml(output));
    }
}
