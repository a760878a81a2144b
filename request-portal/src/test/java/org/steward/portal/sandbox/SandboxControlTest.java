package org.steward.portal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.steward.portal.IntegrationTest;

/**
 * The payloads are real: evaluated as Camunda evaluates them out of the box (the expression manager Steward used before
 * its sandbox, and FEEL's own value mappers), they create the file and open a Java object; through Steward's engine
 * they do not. Without this, a payload with a typo would pass the sandbox tests for the wrong reason.
 */
class SandboxControlTest extends IntegrationTest {

    private static final String FILE_PAYLOAD = "${''.getClass()" + Payloads.FILE_FROM_CLASS + "}";

    @Autowired
    private ProcessEngine engine;

    @Autowired
    private ApplicationContext context;

    @Test
    void aStringsClassCreatesAFileOutOfTheBoxButNotInSteward() throws Exception {
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        Path stock = marker("stock-juel");
        Path steward = marker("steward-juel");
        ExpressionManager outOfTheBox = new SpringExpressionManager(context,
                new HashMap<>(configuration.getBeans()));

        configuration.getCommandExecutorTxRequired().execute(commandContext -> outOfTheBox
                .createExpression(FILE_PAYLOAD.replace("MARKER", stock.toString()))
                .getValue(StartProcessVariableScope.getSharedInstance()));
        Throwable refused = catchThrowable(() -> configuration.getCommandExecutorTxRequired()
                .execute(commandContext -> configuration.getExpressionManager()
                        .createExpression(FILE_PAYLOAD.replace("MARKER", steward.toString()))
                        .getValue(StartProcessVariableScope.getSharedInstance())));

        assertThat(stock).exists();
        assertThat(steward).doesNotExist();
        assertThat(refused).hasStackTraceContaining("The model may not call \"getClass\" on a String")
                .hasStackTraceContaining("Steward runs only its building blocks");
    }

    @Test
    void environmentVariablesAreReadOutOfTheBoxButNotInSteward() {
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        String payload = "${''.getClass()" + Payloads.ENV_FROM_CLASS + "}";
        ExpressionManager outOfTheBox = new SpringExpressionManager(context,
                new HashMap<>(configuration.getBeans()));

        Object read = configuration.getCommandExecutorTxRequired().execute(commandContext -> outOfTheBox
                .createExpression(payload).getValue(StartProcessVariableScope.getSharedInstance()));
        Throwable refused = catchThrowable(() -> configuration.getCommandExecutorTxRequired()
                .execute(commandContext -> configuration.getExpressionManager().createExpression(payload)
                        .getValue(StartProcessVariableScope.getSharedInstance())));

        assertThat(read).isEqualTo(System.getenv("PATH"));
        assertThat(refused).hasStackTraceContaining("Steward runs only its building blocks");
    }

    @Test
    void feelOpensAJavaObjectOutOfTheBoxButNotInSteward() {
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        File file = marker("feel").toFile();
        VariableContext variables = Variables.createVariables().putValue("file", file).asVariableContext();
        FeelEngine outOfTheBox = new ScalaFeelEngineFactory().createInstance();
        FeelEngine steward = configuration.getDmnEngineConfiguration().getFeelEngine();

        Object stockPath = outOfTheBox.evaluateSimpleExpression("file.path", variables);
        Object stockCreated = outOfTheBox.evaluateSimpleExpression("file.createNewFile()", variables);
        boolean createdOutOfTheBox = file.exists();
        file.delete();
        Object stewardPath = steward.evaluateSimpleExpression("file.path", variables);
        Throwable stewardCreate = catchThrowable(() -> steward.evaluateSimpleExpression("file.createNewFile()",
                variables));

        assertThat(stockPath).isEqualTo(file.getPath());
        assertThat(stockCreated).isEqualTo(true);
        assertThat(createdOutOfTheBox).isTrue();
        assertThat(stewardPath).isNull();
        assertThat(stewardCreate).hasMessageContaining("Expected context but found 'null'");
        assertThat(file).doesNotExist();
    }

    private static Path marker(String name) {
        try {
            Path path = Path.of("target", "sandbox-markers", "control-" + name + ".marker").toAbsolutePath();
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            return path;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
