package org.steward.portal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.portal.sandbox.Payloads.Payload;
import org.steward.portal.sandbox.SandboxProbe.Outcome;

/**
 * Every escape attempt of {@link Payloads} in every place of a model where the engine evaluates an expression
 * ({@link Placement}): with the deployment gate, each is refused at deploy time or fails when the engine reaches it;
 * with the gate taken out, the engine's sandbox alone refuses each. Either way no file is created and no variable ever
 * holds the environment.
 */
class ExpressionSandboxTest extends IntegrationTest {

    private static final Map<Outcome, Integer> WITH_GATE = new EnumMap<>(Outcome.class);
    private static final Map<Outcome, Integer> WITHOUT_GATE = new EnumMap<>(Outcome.class);

    @Autowired
    private ProcessEngine engine;

    private SandboxProbe probe;

    @BeforeEach
    void probe() throws IOException {
        probe = new SandboxProbe(engine);
    }

    static Stream<Arguments> attempts() {
        List<Arguments> all = new ArrayList<>();
        for (Placement placement : Placement.values()) {
            for (Payload payload : Payloads.all()) {
                all.add(Arguments.of(placement, payload));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attempts")
    void theGateRefusesOrTheEngineStopsIt(Placement placement, Payload payload) {
        String key = probe.newKey();
        Outcome outcome = probe.attempt(key, placement.model(key, payload.expression()), placement.trigger, true);

        assertThat(outcome).as(payload.expression()).isIn(Outcome.REFUSED_AT_DEPLOY, expected(placement, payload));
        assertThat(probe.marker(key)).doesNotExist();
        assertThat(probe.environmentLeaked()).isFalse();
        WITH_GATE.merge(outcome, 1, Integer::sum);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attempts")
    void withoutTheGateTheSandboxAloneStopsIt(Placement placement, Payload payload) {
        String key = probe.newKey();
        Outcome outcome = probe.attempt(key, placement.model(key, payload.expression()), placement.trigger, false);

        assertThat(outcome).as(payload.expression()).isEqualTo(expected(placement, payload));
        assertThat(probe.marker(key)).doesNotExist();
        assertThat(probe.environmentLeaked()).isFalse();
        WITHOUT_GATE.merge(outcome, 1, Integer::sum);
    }

    /** What alone stops an attempt when the gate is out: the sandbox, or the engine not knowing the name at all. */
    private static Outcome expected(Placement placement, Payload payload) {
        boolean unknown = payload.unknownName() || !placement.hasInstance && payload.usesInstance();
        if (!unknown) {
            return Outcome.REFUSED_BY_SANDBOX;
        }
        return placement == Placement.CONDITIONAL_EVENT ? Outcome.NOT_YET_TRUE : Outcome.UNKNOWN_NAME;
    }

    @AfterAll
    static void report() {
        System.out.println("Expression sandbox: with the gate " + WITH_GATE + "; without the gate " + WITHOUT_GATE);
    }
}
