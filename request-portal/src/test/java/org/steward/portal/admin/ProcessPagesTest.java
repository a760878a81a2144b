package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The base of the process pages' tests: small models of their own (a key per test, so that the shipped models and
 * other tests are left alone), deploying them through the page, reading pages, and removing every deployment a test
 * made, with its instances, when it ends.
 */
abstract class ProcessPagesTest extends AdminPageSupport {

    @Autowired
    protected RepositoryService repository;

    @Autowired
    protected RuntimeService runtime;

    /** The process keys this test deployed, removed after it. */
    private final Set<String> keys = new LinkedHashSet<>();

    @AfterEach
    void removeTheTestsOwnModels() {
        for (String key : keys) {
            repository.createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
                    .map(ProcessDefinition::getDeploymentId).distinct()
                    .forEach(id -> repository.deleteDeployment(id, true));
        }
    }

    /** A process key of the test's own, removed with its deployments after the test. */
    protected String key(String prefix) {
        String key = prefix + fresh();
        keys.add(key);
        return key;
    }

    /**
     * A process as an admin draws it for Steward in the Modeler: one user task after another, each for the group
     * version-testers (nobody's, so that no test person comes to see the requests these tests attach it to) with a
     * decision enum on its form, a history time-to-live, and the layout the diagram is drawn from.
     */
    protected static String model(String key, String name, String... tasks) {
        StringBuilder flow = new StringBuilder("    <bpmn:startEvent id=\"start\"/>\n");
        StringBuilder layout = new StringBuilder(shape("start", 100, 100, 36, 36));
        String previous = "start";
        int previousRight = 136;
        for (int i = 0; i < tasks.length; i++) {
            String task = tasks[i];
            int x = 200 + i * 160;
            flow.append("    <bpmn:sequenceFlow id=\"to-").append(task).append("\" sourceRef=\"").append(previous)
                    .append("\" targetRef=\"").append(task).append("\"/>\n");
            flow.append("""
                        <bpmn:userTask id="%s" name="%s" camunda:candidateGroups="version-testers">
                          <bpmn:extensionElements>
                            <camunda:formData>
                              <camunda:formField id="decision" label="Decision" type="enum">
                                <camunda:value id="approve" name="Approve"/>
                                <camunda:value id="reject" name="Reject"/>
                              </camunda:formField>
                            </camunda:formData>
                          </bpmn:extensionElements>
                        </bpmn:userTask>
                    """.formatted(task, "Step " + task));
            layout.append(edge("to-" + task, previousRight, x)).append(shape(task, x, 78, 100, 80));
            previous = task;
            previousRight = x + 100;
        }
        int end = 200 + tasks.length * 160;
        flow.append("    <bpmn:sequenceFlow id=\"to-end\" sourceRef=\"").append(previous)
                .append("\" targetRef=\"end\"/>\n    <bpmn:endEvent id=\"end\"/>\n");
        layout.append(edge("to-end", previousRight, end)).append(shape("end", end, 100, 36, 36));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-%s"
                    targetNamespace="http://steward.example.org/test">
                  <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
                %s  </bpmn:process>
                  <bpmndi:BPMNDiagram id="diagram-%s">
                    <bpmndi:BPMNPlane id="plane-%s" bpmnElement="%s">
                %s    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(key, key, name, flow, key, key, key, layout);
    }

    private static String shape(String element, int x, int y, int width, int height) {
        return ("      <bpmndi:BPMNShape id=\"%s-shape\" bpmnElement=\"%s\">"
                + "<dc:Bounds x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></bpmndi:BPMNShape>\n")
                .formatted(element, element, x, y, width, height);
    }

    private static String edge(String flow, int fromX, int toX) {
        return ("      <bpmndi:BPMNEdge id=\"%s-edge\" bpmnElement=\"%s\"><di:waypoint x=\"%d\" y=\"118\"/>"
                + "<di:waypoint x=\"%d\" y=\"118\"/></bpmndi:BPMNEdge>\n").formatted(flow, flow, fromX, toX);
    }

    protected static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("files", name, "application/octet-stream",
                content.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts the deploy form with the files, as the given person, with its CSRF token. */
    protected MvcResult deployThroughThePage(RequestPostProcessor who, MockMultipartFile... files) throws Exception {
        var request = MockMvcRequestBuilders.multipart("/admin/processes/deploy");
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        return mvc.perform(request.with(who).with(csrf())).andReturn();
    }

    /** Deploys one model through the page as the demo admin and answers the new version's definition id. */
    protected String deploy(String key, String xml) throws Exception {
        MvcResult result = deployThroughThePage(admin(), file(key + ".bpmn", xml));
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
                .getId();
    }

    /** A page as the demo admin reads it; the status must be 200. */
    protected Document adminPage(String path) throws Exception {
        MvcResult result = mvc.perform(page(path).with(admin())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    protected static Document html(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    /** The ids of the process instances running on a version, as the engine has them. */
    protected List<String> runningOn(String definitionId) {
        return new ArrayList<>(runtime.createProcessInstanceQuery().processDefinitionId(definitionId).list().stream()
                .map(p -> p.getId()).sorted().toList());
    }
}
