package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.mail.Mails;
import org.steward.portal.process.ModelerClient;
import org.steward.workflow.people.PeopleService;

/**
 * The promise that an admin, not a developer, changes how requests flow: the admin adds a legal review for outside
 * partners in the Camunda Modeler and deploys it; with no code change, new requests wait for the legal team, whose
 * member finds the step in her inbox and her email, decides from either, and the timeline records it; requests that
 * were already running finish on the version they started on, unless the admin moves one; the reports count the new
 * step like the others.
 */
class RedesignedProcessBrowserTest extends PortalBrowserTest {

    private static final String LEGAL_STEP = "Review the legal terms";

    @Autowired
    private RepositoryService repository;

    @Autowired
    private RuntimeService runtime;

    @Autowired
    private PeopleService people;

    @Test
    void theAdminAddsALegalReviewAndRequestsFollowItWithNoCodeChange() throws Exception {
        // Before the redesign, two requests for an outside partner wait for Public Works' steward.
        String stays = submitForAPartner("Street centerlines for the university's traffic model");
        String moves = submitForAPartner("Street centerlines for the transit agency");
        String before = definitionOf(stays);
        joinTheLegalTeam("lena");
        JsonNode reported = legalLine();

        ModelerClient.Answer deployed = new ModelerClient(port, json).deploy("Data request with a legal review",
                "admin", "demo", Map.of("data-request.bpmn", redesign()));
        try {
            assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(200);
            ProcessDefinition redesign = repository.createProcessDefinitionQuery().processDefinitionKey("data-request")
                    .latestVersion().singleResult();
            assertThat(redesign.getId()).isNotEqualTo(before);
            assertThat(redesign.getVersionTag()).isEqualTo("3-legal");

            // Through the API: a new request reaches the legal team after the steward, and lena decides.
            String viaApi = submitForAPartner("Street centerlines for the regional planning council");
            assertThat(definitionOf(viaApi)).isEqualTo(redesign.getId());
            decideAs("sam", viaApi, "stewards-pw", "approve", null);
            JsonNode waiting = request("alex", viaApi);
            assertThat(waiting.path("status").asText()).isEqualTo("IN_REVIEW");
            assertThat(waiting.path("statusStep").asText()).isEqualTo("Legal review");
            assertThat(waitingOn(viaApi)).containsExactly("legalReview -> legal");
            JsonNode lenasTask = taskOf("lena", viaApi);
            assertThat(lenasTask.path("name").asText()).isEqualTo(LEGAL_STEP);
            assertThat(lenasTask.toString()).contains("\"cleared\"", "Cleared for the partner", "Stop the request");
            assertThat(decide("sam", lenasTask.path("id").asText(), "cleared", null).status())
                    .as("a steward is not in the legal team").isEqualTo(403);
            assertThat(decide("lena", lenasTask.path("id").asText(), "cleared", "The partner's terms are standard.")
                    .status()).isEqualTo(204);
            runJobs();
            assertThat(timeline(viaApi)).contains("lena:legalReview:cleared:api");
            assertThat(request("alex", viaApi).path("status").asText()).isEqualTo("DELIVERY");

            // In the browser: sam approves on his task page; lena decides from the link in her email.
            String viaBrowser = submitForAPartner("Street centerlines for the bicycle coalition");
            logIn("sam");
            openTaskFromInbox(viaBrowser, "Approve as data steward");
            decide(viaBrowser, "Approve");
            runJobs();
            handOverTo("lena");
            openTaskFromInbox(viaBrowser, LEGAL_STEP, "lena-inbox-with-the-new-step");
            assertThat(browser.findElement(By.id("decisions")).getText()).contains("Cleared for the partner")
                    .contains("Stop the request");
            screenshot("legal-review-task-page");
            assertAccessible("task page of the added step");
            logOut();

            Mails.Mail mail = Mails.awaitOne("lena@example.org", viaBrowser);
            assertThat(mail.subject()).contains(LEGAL_STEP);
            String cleared = mail.actions().get("Cleared for the partner");
            assertThat(cleared).as(mail.text()).startsWith(url("/act/"));
            assertThat(mail.actions()).containsKey("Stop the request");
            browser.get(cleared);
            waitForText(By.tagName("h1"), "Confirm your decision");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(LEGAL_STEP).contains(viaBrowser);
            fillIn(By.id("comment"), "Cleared: the coalition signs our standard terms.");
            screenshot("legal-review-from-the-email");
            browser.findElement(By.id("confirm")).click();
            waitForText(By.tagName("h1"), "Done");
            runJobs();
            assertThat(timeline(viaBrowser)).contains("lena:legalReview:cleared:email");

            logIn("alex");
            open("/requests/" + viaBrowser);
            assertThat(status()).isEqualTo("Being delivered");
            assertThat(browser.findElement(By.id("timeline")).getText()).contains(LEGAL_STEP)
                    .contains("Cleared for the partner")
                    .contains("Cleared: the coalition signs our standard terms.");
            screenshot("alex-sees-the-legal-review-in-the-timeline");

            // A request that was running before the redesign finishes on its own version, with no legal review.
            decideAs("sam", stays, "stewards-pw", "approve", null);
            assertThat(request("alex", stays).path("status").asText()).isEqualTo("DELIVERY");
            decideAs("wes", stays, "custodians-pw", "delivered", null);
            assertThat(request("alex", stays).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(timeline(stays)).noneMatch(line -> line.contains("legalReview"));

            // The other is moved to the redesign, and so meets the legal team after the steward.
            assertThat(definitionOf(moves)).isEqualTo(before);
            moveOnTheAdminPage(before, redesign, moves);
            assertThat(definitionOf(moves)).isEqualTo(redesign.getId());
            decideAs("sam", moves, "stewards-pw", "approve", null);
            assertThat(waitingOn(moves)).containsExactly("legalReview -> legal");

            // The reports count the new step like any other: two more decisions, one more waiting (another test's
            // process has a step of the same id, so the figures are compared with those from before).
            JsonNode legal = legalLine();
            assertThat(legal.path("name").asText()).isEqualTo(LEGAL_STEP);
            assertThat(legal.path("decisions").asInt()).isEqualTo(reported.path("decisions").asInt() + 2);
            assertThat(legal.path("outcomes").path("cleared").asInt())
                    .isEqualTo(reported.path("outcomes").path("cleared").asInt() + 2);
            assertThat(legal.path("waitingNow").asInt()).isEqualTo(reported.path("waitingNow").asInt() + 1);
        } finally {
            // Later tests expect the shipped process: deploy it again as the newest version.
            repository.createDeployment().name("Steward release (restored after a test)").source("test")
                    .addInputStream("data-request.bpmn", new ByteArrayInputStream(shipped())).deploy();
        }
    }

    /** The reports' line of the step legalReview, as the auditor reads it; empty when there is none yet. */
    private JsonNode legalLine() {
        for (JsonNode step : get("audrey", "/api/reports/steps").body().path("steps")) {
            if (step.path("step").asText().equals("legalReview")) {
                return step;
            }
        }
        return json.createObjectNode();
    }

    /**
     * The admin moves one running request to the redesign on the old version's page: checks the move, leaves only
     * that request ticked (other tests' requests run on the same version), and moves it.
     */
    private void moveOnTheAdminPage(String from, ProcessDefinition to, String reference) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
        logIn("admin");
        open("/admin/processes/" + from);
        new org.openqa.selenium.support.ui.Select(waitFor(By.id("target")))
                .selectByValue(to.getId());
        browser.findElement(By.xpath("//form[@id='choose-target']//button")).click();
        waitFor(By.id("move-form"));
        assertThat(browser.findElement(By.id("choice-" + instance)).getText()).contains(reference)
                .contains("Can move");
        for (org.openqa.selenium.WebElement box : browser.findElements(By.name("requests"))) {
            if (box.isSelected() != box.getAttribute("value").equals(instance)) {
                box.click();
            }
        }
        screenshot("admin-moves-one-request");
        browser.findElement(By.id("move-button")).click();
        waitForText(By.id("outcome-" + instance), "Moved to version " + to.getVersion());
        screenshot("admin-sees-it-moved");
        logOut();
    }

    private String submitForAPartner(String title) {
        Map<String, Object> body = requestBody(title, "PW-STREET-CENTERLINES");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Treasure State University",
                "signatoryName", "Morgan Example", "signatoryEmail", "morgan@partner.example.org"));
        Answer answer = post("alex", "/api/requests", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("reference").asText();
    }

    private void decideAs(String user, String reference, String group, String decision, String comment) {
        Answer answer = decide(user, taskFor(reference, group), decision, comment);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(204);
        runJobs();
    }

    private JsonNode taskOf(String user, String reference) {
        for (JsonNode task : everyItem(user, "/api/tasks?request=" + reference)) {
            if (reference.equals(task.path("requestReference").asText())) {
                return task;
            }
        }
        throw new AssertionError(user + " has no task of " + reference);
    }

    private String definitionOf(String reference) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getProcessDefinitionId();
    }

    private void joinTheLegalTeam(String user) {
        if (!people.exists(user)) {
            people.createPerson(user, "Lena", "Lawson", user + "@example.org", "demo");
        }
        if (people.membersOf("legal").isEmpty()) {
            people.createGroup("legal", "City attorney's office");
        }
        if (!people.membersOf("legal").contains(user)) {
            people.addToGroup(user, "legal");
        }
    }

    private static byte[] shipped() throws IOException {
        try (InputStream in = RedesignedProcessBrowserTest.class.getResourceAsStream("/steward/models/data-request.bpmn")) {
            return in.readAllBytes();
        }
    }

    /**
     * The shipped process as an admin changes it in the Modeler: after the review, requests for an outside partner go
     * to a legal review by the group legal (shown as the status "Legal review"), which clears them for delivery or
     * stops them; everything else goes on as before.
     */
    private static byte[] redesign() throws IOException {
        String model = new String(shipped(), StandardCharsets.UTF_8);
        model = replaceOnce(model, "camunda:versionTag=\"3\"", "camunda:versionTag=\"3-legal\"");
        model = replaceOnce(model, "<bpmn:sequenceFlow id=\"toStatusDelivery\" sourceRef=\"review\""
                + " targetRef=\"statusDelivery\"/>", """
                <bpmn:sequenceFlow id="toLegalNeeded" sourceRef="review" targetRef="legalNeeded"/>
                <bpmn:exclusiveGateway id="legalNeeded" name="Outside partner?" default="toStatusDelivery"/>
                <bpmn:sequenceFlow id="toStatusDelivery" name="no" sourceRef="legalNeeded" targetRef="statusDelivery"/>
                <bpmn:sequenceFlow id="legalForPartners" name="yes" sourceRef="legalNeeded" targetRef="statusLegalReview">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${recipientType == 'EXTERNAL'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:serviceTask id="statusLegalReview" name="Status: legal review" camunda:delegateExpression="${setStatus}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="status">Legal review</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="toLegalReview" sourceRef="statusLegalReview" targetRef="legalReview"/>
                <bpmn:userTask id="legalReview" name="Review the legal terms" camunda:candidateGroups="legal"
                    camunda:dueDate="${workingDays.after(3)}">
                  <bpmn:documentation>The city attorney's office checks the terms for the outside partner.</bpmn:documentation>
                  <bpmn:extensionElements>
                    <camunda:formData>
                      <camunda:formField id="decision" label="Decision" type="enum">
                        <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                        <camunda:value id="cleared" name="Cleared for the partner"/>
                        <camunda:value id="reject" name="Stop the request"/>
                      </camunda:formField>
                      <camunda:formField id="comment" label="Comment" type="string"/>
                    </camunda:formData>
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="toLegalOutcome" sourceRef="legalReview" targetRef="legalOutcome"/>
                <bpmn:exclusiveGateway id="legalOutcome" name="Cleared?" default="legalCleared"/>
                <bpmn:sequenceFlow id="legalCleared" name="yes" sourceRef="legalOutcome" targetRef="statusDelivery"/>
                <bpmn:sequenceFlow id="legalStopped" name="no" sourceRef="legalOutcome" targetRef="statusLegalRejected">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision == 'reject'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:serviceTask id="statusLegalRejected" name="Status: rejected" camunda:delegateExpression="${setStatus}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="status">REJECTED</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="toLegalRejectedEnd" sourceRef="statusLegalRejected" targetRef="legalRejectedEnd"/>
                <bpmn:endEvent id="legalRejectedEnd" name="Stopped by the legal review"/>
                """);
        List<String> shapes = new ArrayList<>();
        shapes.add(shape("legalNeeded", 3150, 1220, 50, 50));
        shapes.add(shape("statusLegalReview", 3250, 1205, 100, 80));
        shapes.add(shape("legalReview", 3400, 1205, 100, 80));
        shapes.add(shape("legalOutcome", 3550, 1220, 50, 50));
        shapes.add(shape("statusLegalRejected", 3650, 1205, 100, 80));
        shapes.add(shape("legalRejectedEnd", 3800, 1227, 36, 36));
        shapes.add(edge("toLegalNeeded", 3100, 1245, 3150, 1245));
        shapes.add(edge("legalForPartners", 3200, 1245, 3250, 1245));
        shapes.add(edge("toLegalReview", 3350, 1245, 3400, 1245));
        shapes.add(edge("toLegalOutcome", 3500, 1245, 3550, 1245));
        shapes.add(edge("legalStopped", 3600, 1245, 3650, 1245));
        shapes.add(edge("toLegalRejectedEnd", 3750, 1245, 3800, 1245));
        shapes.add(edge("legalCleared", 3575, 1220, 3575, 440));
        model = model.replaceAll("(?s)<bpmndi:BPMNEdge id=\"toStatusDelivery_di\" bpmnElement=\"toStatusDelivery\">.*?"
                + "</bpmndi:BPMNEdge>", edge("toStatusDelivery", 3175, 1220, 3175, 440));
        model = replaceOnce(model, "</bpmndi:BPMNPlane>", String.join("\n", shapes) + "\n</bpmndi:BPMNPlane>");
        return model.getBytes(StandardCharsets.UTF_8);
    }

    private static String shape(String id, int x, int y, int width, int height) {
        return "<bpmndi:BPMNShape id=\"" + id + "_di\" bpmnElement=\"" + id + "\"><dc:Bounds x=\"" + x + "\" y=\"" + y
                + "\" width=\"" + width + "\" height=\"" + height + "\"/></bpmndi:BPMNShape>";
    }

    private static String edge(String id, int x1, int y1, int x2, int y2) {
        return "<bpmndi:BPMNEdge id=\"" + id + "_di\" bpmnElement=\"" + id + "\"><di:waypoint x=\"" + x1 + "\" y=\""
                + y1 + "\"/><di:waypoint x=\"" + x2 + "\" y=\"" + y2 + "\"/></bpmndi:BPMNEdge>";
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("the shipped model holds " + target).isNotNegative();
        assertThat(text.indexOf(target, at + 1)).as("the shipped model holds " + target + " once").isNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
