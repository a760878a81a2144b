package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/** The application deploys the shipped models, and only them: nothing from test resources reaches the engine. */
class DeploymentTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Test
    void theShippedModelsAreDeployedAndNothingElse() {
        List<String> resources = repository.createDeploymentQuery().list().stream()
                .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream()).distinct().sorted().toList();
        assertThat(resources).containsExactly("data-request.bpmn", "review-route.dmn");
        assertThat(getClass().getResource("/decoy/decoy-not-to-deploy.bpmn")).as("a model on the test classpath")
                .isNotNull();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("decoy").count()).isZero();
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey("data-request")
                .latestVersion().singleResult();
        assertThat(process.getName()).isEqualTo("Data request");
        assertThat(process.getHistoryTimeToLive()).isPositive();
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("review-route").count())
                .isEqualTo(1);
    }
}
