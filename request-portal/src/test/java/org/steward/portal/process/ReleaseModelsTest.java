package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.portal.process.GateModels.GOOD_TASK;
import static org.steward.portal.process.GateModels.bytes;
import static org.steward.portal.process.GateModels.process;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.deployment.ShippedModels;
import org.steward.workflow.deployment.ShippedModels.Outcome;
import org.steward.workflow.deployment.ShippedModels.ShippedModel;

/**
 * A new release of Steward and an admin's redesign: a changed shipped model becomes the new version, unless an admin
 * deployed their own version of that process since the last release; then the admin's stays in use.
 */
class ReleaseModelsTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Autowired
    private ShippedModels shipped;

    @Test
    void aReleaseUpdatesItsOwnModelsButNeverReplacesAnAdminsRedesign() throws Exception {
        ShippedModel first = model("releaseKept", "Check it");
        ShippedModel other = model("releaseOther", "Check it");

        assertThat(shipped.deploy(repository, List.of(first, other)))
                .isEqualTo(new Outcome(List.of("release-releaseKept.bpmn", "release-releaseOther.bpmn"), List.of()));
        assertThat(shipped.deploy(repository, List.of(first, other))).as("the same release started again")
                .isEqualTo(new Outcome(List.of(), List.of()));

        ModelerClient.Answer redesign = new ModelerClient(port, json).deploy("my redesign", "admin", "demo",
                Map.of("release-releaseKept.bpmn", bytes(process("releaseKept", GOOD_TASK.replace("Check it",
                        "Check it twice")))));
        assertThat(redesign.status()).isEqualTo(200);

        Outcome next = shipped.deploy(repository, List.of(model("releaseKept", "Check it again"),
                model("releaseOther", "Check it again")));

        assertThat(next).isEqualTo(new Outcome(List.of("release-releaseOther.bpmn"),
                List.of("release-releaseKept.bpmn")));
        assertThat(latest("releaseKept").getDeploymentId()).isEqualTo(redesign.body().path("id").asText());
        assertThat(repository.getBpmnModelInstance(latest("releaseKept").getId()).getModelElementById("step")
                .getAttributeValue("name")).isEqualTo("Check it twice");
        assertThat(repository.getBpmnModelInstance(latest("releaseOther").getId()).getModelElementById("step")
                .getAttributeValue("name")).isEqualTo("Check it again");
        Deployment release = repository.createDeploymentQuery().deploymentId(latest("releaseOther")
                .getDeploymentId()).singleResult();
        assertThat(release.getSource()).isEqualTo(ShippedModels.SOURCE);

        // The admin takes the held-back model as it is: the release owns it again, and the next release updates it.
        ModelerClient.Answer adopted = new ModelerClient(port, json).deploy("the release's model", "admin", "demo",
                Map.of("release-releaseKept.bpmn", model("releaseKept", "Check it again").content()));
        assertThat(adopted.status()).isEqualTo(200);
        assertThat(shipped.deploy(repository, List.of(model("releaseKept", "Check it again"))))
                .isEqualTo(new Outcome(List.of("release-releaseKept.bpmn"), List.of()));
        assertThat(shipped.deploy(repository, List.of(model("releaseKept", "Check it a third time"))))
                .isEqualTo(new Outcome(List.of("release-releaseKept.bpmn"), List.of()));
        assertThat(repository.getBpmnModelInstance(latest("releaseKept").getId()).getModelElementById("step")
                .getAttributeValue("name")).isEqualTo("Check it a third time");

        for (String key : List.of("releaseKept", "releaseOther")) {
            for (ProcessDefinition definition : repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .list()) {
                repository.deleteDeployment(definition.getDeploymentId(), true);
            }
        }
    }

    @Test
    void theRunningReleaseDeployedItsModelsAndHoldsNothingBack() {
        assertThat(shipped.models()).extracting(ShippedModel::name)
                .containsExactlyInAnyOrder("data-request.bpmn", "review-route.dmn");
        Deployment first = repository.createDeploymentQuery().orderByDeploymentTime().asc().list().get(0);
        assertThat(first.getSource()).isEqualTo(ShippedModels.SOURCE);
        assertThat(repository.getDeploymentResourceNames(first.getId()))
                .containsExactlyInAnyOrder("data-request.bpmn", "review-route.dmn");
        assertThat(shipped.heldBack(repository)).isEmpty();
    }

    private ProcessDefinition latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private static ShippedModel model(String key, String stepName) {
        return new ShippedModel("release-" + key + ".bpmn",
                bytes(process(key, GOOD_TASK.replace("Check it", stepName))));
    }
}
