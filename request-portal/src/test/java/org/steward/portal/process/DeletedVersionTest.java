package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.portal.process.GateModels.GOOD_TASK;
import static org.steward.portal.process.GateModels.bytes;
import static org.steward.portal.process.GateModels.process;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.task.DecisionHistory;

/**
 * An admin deletes an old version's deployment (from Cockpit, or through /engine-rest) once nothing runs on it: the
 * history of its tasks remains, and the words of their decisions, which came from the deleted model, give way to the
 * stored decision instead of an error page.
 */
class DeletedVersionTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Autowired
    private RuntimeService runtime;

    @Autowired
    private TaskService tasks;

    @Autowired
    private DecisionHistory requestTasks;

    @Test
    void aDecisionOfADeletedVersionKeepsItsHistoryWithoutTheModelsWords() {
        String model = process("deletedVersion", GOOD_TASK.replace("staff-cd", "version-testers"));
        Deployment deployment = repository.createDeployment().name("deleted later").source("test")
                .addInputStream("deleted-version.bpmn", new ByteArrayInputStream(bytes(model))).deploy();
        String instance = runtime.startProcessInstanceByKey("deletedVersion", "DV-1").getId();
        String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
        tasks.complete(task, Map.of("decision", "approve"));

        assertThat(requestTasks.decisionLabel(task, "approve")).contains("Approve");
        repository.deleteDeployment(deployment.getId());
        assertThat(requestTasks.decisionLabel(task, "approve")).isEmpty();
    }
}
