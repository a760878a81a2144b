package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.portal.process.GateModels.GOOD_TASK;
import static org.steward.portal.process.GateModels.bytes;
import static org.steward.portal.process.GateModels.process;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/**
 * A model too large or nested too deep is refused through the Modeler's own request with the reason and the limit,
 * never a 500, and nothing is deployed.
 */
class ModelLimitsTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Test
    void aModelOverFiveMegabytesIsRefusedWithTheLimit() throws Exception {
        // A real model with a 6 MB documentation text pasted in, as an image or a document would be.
        String model = process("tooLarge", GOOD_TASK.replace("<bpmn:extensionElements>",
                "<bpmn:documentation>" + "x".repeat(6 * 1024 * 1024) + "</bpmn:documentation>"
                        + "<bpmn:extensionElements>"));
        long deployments = repository.createDeploymentQuery().count();

        ModelerClient.Answer answer = new ModelerClient(port, json).deploy("too large", "admin", "demo",
                Map.of("too-large.bpmn", bytes(model)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("too-large.bpmn: is 6.0 MB, over the 5.0 MB a model may have");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aModelNestedThousandsDeepIsRefusedWithTheReason() throws Exception {
        String nested = "<bpmn:extensionElements>".repeat(5000) + "</bpmn:extensionElements>".repeat(5000);
        String model = process("tooDeep", GOOD_TASK.replace("<bpmn:extensionElements>", nested
                + "<bpmn:extensionElements>"));
        long deployments = repository.createDeploymentQuery().count();

        ModelerClient.Answer answer = new ModelerClient(port, json).deploy("too deep", "admin", "demo",
                Map.of("too-deep.bpmn", bytes(model)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("too-deep.bpmn: nests its elements more than 200 deep");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedBeforeTheEngineReadsIt() throws Exception {
        // A model past the limit (the attack sent 80 MB): the engine's API would hold it whole in memory.
        String model = process("huge", GOOD_TASK.replace("<bpmn:extensionElements>",
                "<bpmn:documentation>" + "x".repeat(12 * 1024 * 1024) + "</bpmn:documentation>"
                        + "<bpmn:extensionElements>"));
        long deployments = repository.createDeploymentQuery().count();

        ModelerClient.Answer answer = new ModelerClient(port, json).deploy("huge", "admin", "demo",
                Map.of("huge.bpmn", bytes(model)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("detail").asText()).contains("over 10 MB, the most the engine's API takes");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }
}
