package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.portal.process.GateModels.GOOD_TASK;
import static org.steward.portal.process.GateModels.bytes;
import static org.steward.portal.process.GateModels.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/**
 * The Camunda Modeler's Deploy button against {@code <base>/engine-rest}, with an admin's credentials: the calls it
 * makes, the answers it expects, and the deployment gate's answer for models written elsewhere (Camunda's examples and
 * the BPMN interchange group's reference models): accepted where safe and runnable, otherwise refused naming every
 * offending element; never a server error, never half a deployment.
 */
class ModelerDeploymentTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Autowired
    private HistoryService history;

    private ModelerClient modeler;

    @BeforeEach
    void modeler() {
        modeler = new ModelerClient(port, json);
    }

    @Test
    void theModelerConnectsWithAnAdminsCredentialsOnly() throws Exception {
        ModelerClient.Answer version = modeler.get("/version", "admin", "demo");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body().path("version").asText()).startsWith("7.24");
        assertThat(modeler.get("/deployment?maxResults=0", "admin", "demo").status()).isEqualTo(200);

        assertThat(modeler.get("/deployment?maxResults=0", "audrey", "wrong").status()).isEqualTo(401);
        assertThat(modeler.get("/deployment?maxResults=0", "alex", "demo").status()).isEqualTo(403);
        assertThat(modeler.get("/deployment?maxResults=0", null, null).status()).isEqualTo(401);
    }

    @Test
    void aValidModelDeploysAndRecordsWhoDeployedIt() throws Exception {
        ModelerClient.Answer answer = modeler.deploy("modeler-valid", "admin", "demo",
                Map.of("modeler-valid.bpmn", bytes(process("modelerValid", GOOD_TASK))));
        try {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("deployedProcessDefinitions").toString()).contains("\"key\":\"modelerValid\"");
            assertThat(answer.body().path("source").asText()).isEqualTo("Camunda Modeler");
            List<UserOperationLogEntry> log = history.createUserOperationLogQuery()
                    .deploymentId(answer.body().path("id").asText()).list();
            assertThat(log).extracting(UserOperationLogEntry::getUserId).contains("admin");
        } finally {
            repository.deleteDeployment(answer.body().path("id").asText(), true);
        }
    }

    @Test
    void anInvalidModelIsRefusedWithAMessageTheModelerShows() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        ModelerClient.Answer answer = modeler.deploy("modeler-invalid", "admin", "demo", Map.of("modeler-invalid.bpmn",
                bytes(process("modelerInvalid", "", GOOD_TASK.replace("camunda:candidateGroups=\"staff-cd\"", "")))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("""
                Steward cannot run this model (2 problems); nothing was deployed.
                - modeler-invalid.bpmn: modelerInvalid: has no history time to live: set one (for example 3650 days)\
                 under "History cleanup" so the engine knows how long to keep what happened.
                - modeler-invalid.bpmn: step: is a user task with no assignee and no candidate group, so nobody would\
                 see it: set "Candidate groups" (for example legal) or an assignee.""");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modelerInvalid").count()).isZero();
    }

    @Test
    void aStaffMemberCannotDeploy() throws Exception {
        ModelerClient.Answer answer = modeler.deploy("modeler-staff", "alex", "demo",
                Map.of("modeler-staff.bpmn", bytes(process("modelerStaff", GOOD_TASK))));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("modelerStaff").count()).isZero();
    }

    static Stream<Arguments> modelsFromElsewhere() throws IOException {
        List<Arguments> models = new ArrayList<>();
        for (String folder : new String[] {"foreign-models", "bpmn-miwg"}) {
            try (InputStream list = ModelerDeploymentTest.class.getResourceAsStream("/testdata/" + folder + "/")) {
                for (String name : new String(list.readAllBytes()).split("\n")) {
                    if (name.endsWith(".bpmn") || name.endsWith(".dmn")) {
                        models.add(Arguments.of(folder, name.trim()));
                    }
                }
            }
        }
        return models.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("modelsFromElsewhere")
    void aModelFromElsewhereGetsAClearAnswer(String folder, String name) throws Exception {
        byte[] model = getClass().getResourceAsStream("/testdata/" + folder + "/" + name).readAllBytes();
        long deployments = repository.createDeploymentQuery().count();

        ModelerClient.Answer answer = modeler.deploy(name, "admin", "demo", Map.of(name, model));

        List<String> offending = OFFENDING.getOrDefault(name, List.of());
        // Every reference model of the interchange group is refused: none is runnable by Steward as it is.
        assertThat(answer.status()).as(answer.body().toString())
                .isEqualTo(folder.equals("bpmn-miwg") || !offending.isEmpty() ? 400 : 200);
        for (String id : offending) {
            assertThat(answer.message()).contains(name + ": " + id + ": ");
        }
        if (answer.status() == 400) {
            assertThat(answer.message()).startsWith("Steward cannot run this model");
            assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
            for (JsonNode report : answer.body().path("details")) {
                for (JsonNode error : report.path("errors")) {
                    for (JsonNode id : error.path("elementIds")) {
                        assertThat(answer.message()).contains(": " + id.asText() + ": ");
                    }
                }
            }
        } else {
            assertThat(answer.body().path("deployedDecisionDefinitions").size()
                    + answer.body().path("deployedProcessDefinitions").size()).isPositive();
            repository.deleteDeployment(answer.body().path("id").asText(), true);
        }
    }

    /** The elements of Camunda's examples that Steward cannot run; a file not named here must be accepted. */
    private static final Map<String, List<String>> OFFENDING = Map.of(
            "invoiceApproval.bpmn", List.of("UserTask_1"),
            "invokeRestService.bpmn", List.of("ServiceTask_1", "UserTask_1", "UserTask_2"),
            "loanApproval.bpmn", List.of("UserTask_1"),
            "order-handling.bpmn", List.of("Task_06z99p1", "Task_1yjkccw"),
            "TwitterDemoProcess.bpmn", List.of("service_task_send_rejection_notification",
                    "service_task_publish_on_twitter", "user_task_review_tweet"),
            "xslt-example.bpmn", List.of("StartEvent_1", "ScriptTask_1", "EndEvent_1"));
}
