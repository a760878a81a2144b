package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.request.RequestService;

/**
 * The request page's diagram: the BPMN of the process version the request itself runs on, and the steps it is at and
 * has finished; to those who may not see the request, neither exists.
 */
class RequestDiagramTest extends IntegrationTest {

    private static final String REDRAWN = "Data request, redrawn for RequestDiagramTest";

    @Autowired
    private RepositoryService repository;

    @Autowired
    private HistoryService history;

    @Autowired
    private RequestService requests;

    @Test
    void theDiagramIsTheVersionTheRequestRunsOnEvenAfterANewOneIsDeployed() throws Exception {
        String older = submit("Work orders, drawn in the version they started on", "PW-WORK-ORDERS");
        ProcessDefinition shipped = definitionOf(older);
        byte[] shippedXml;
        try (InputStream xml = repository.getProcessModel(shipped.getId())) {
            shippedXml = xml.readAllBytes();
        }
        String redrawn = new String(shippedXml, StandardCharsets.UTF_8).replace("name=\"Data request\"",
                "name=\"" + REDRAWN + "\"");
        assertThat(redrawn).contains(REDRAWN);
        Deployment deployment = repository.createDeployment().name("RequestDiagramTest")
                .addString("data-request.bpmn", redrawn).deploy();
        try {
            String newer = submit("Work orders, drawn in the newer version", "PW-WORK-ORDERS");
            assertThat(definitionOf(newer).getVersion()).isEqualTo(shipped.getVersion() + 1);

            MockHttpServletResponse olderModel = diagram("alex", older);
            assertThat(olderModel.getStatus()).isEqualTo(200);
            assertThat(MediaType.parseMediaType(olderModel.getContentType()).isCompatibleWith(MediaType.APPLICATION_XML))
                    .isTrue();
            assertThat(olderModel.getHeader("Content-Disposition")).startsWith("attachment")
                    .contains(older + "-data-request-version-" + shipped.getVersion() + ".bpmn");
            assertThat(olderModel.getContentAsByteArray()).isEqualTo(shippedXml);
            assertThat(olderModel.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(REDRAWN);

            MockHttpServletResponse newerModel = diagram("alex", newer);
            assertThat(newerModel.getContentAsString(StandardCharsets.UTF_8)).contains(REDRAWN);
            // The newer request ends before its version goes, so no request is left on a deleted version.
            assertThat(post("alex", "/api/requests/" + newer + "/withdraw", null).status()).isEqualTo(200);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theStateListsTheStepsTheRequestIsAtAndThoseItHasFinished() throws Exception {
        String reference = submit("Work orders, followed on the diagram", "PW-WORK-ORDERS");

        JsonNode submitted = state("alex", reference);
        assertThat(ids(submitted.get("current"))).containsExactly("approveAsSteward");
        assertThat(ids(submitted.get("finished"))).contains("requestSubmitted", "gatherRouteFacts", "decideRoute",
                "statusStewardReview").doesNotContain("approveAsSteward", "review", "stewardReview");

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        JsonNode signing = state("sam", reference);

        assertThat(ids(signing.get("current"))).containsExactly("signAgreement");
        assertThat(ids(signing.get("finished"))).contains("approveAsSteward", "departmentApproved", "draftAgreement",
                "statusAgreementSigning").doesNotContain("privacyReview", "signAgreement");
    }

    @Test
    void neitherTheModelNorTheStateExistsForSomeoneWhoMayNotSeeTheRequest() throws Exception {
        String reference = submit("Work orders, not on Finance's diagrams", "PW-WORK-ORDERS");

        for (String path : List.of("/diagram.bpmn", "/diagram-state")) {
            MockHttpServletResponse hidden = mvc.perform(MockMvcRequestBuilders.get("/requests/" + reference + path)
                    .with(httpBasic("fiona", "demo"))).andReturn().getResponse();
            MockHttpServletResponse missing = mvc.perform(MockMvcRequestBuilders.get("/requests/DR-1999-9999" + path)
                    .with(httpBasic("fiona", "demo"))).andReturn().getResponse();
            assertThat(hidden.getStatus()).as(path).isEqualTo(404);
            assertThat(missing.getStatus()).as(path).isEqualTo(404);
            assertThat(hidden.getContentAsString().replace(reference, "DR-1999-9999")).as(path)
                    .isEqualTo(missing.getContentAsString());
        }
        assertThat(diagram("sam", reference).getStatus()).isEqualTo(200);
    }

    private ProcessDefinition definitionOf(String reference) {
        String instance = requests.byReference(reference).orElseThrow().getProcessInstanceId();
        String definition = history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getProcessDefinitionId();
        return repository.getProcessDefinition(definition);
    }

    private MockHttpServletResponse diagram(String user, String reference) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/requests/" + reference + "/diagram.bpmn").with(httpBasic(user, "demo"))).andReturn()
                .getResponse();
    }

    private JsonNode state(String user, String reference) throws Exception {
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get("/requests/" + reference + "/diagram-state")
                .with(httpBasic(user, "demo"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return json.readTree(response.getContentAsString());
    }

    private static List<String> ids(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
