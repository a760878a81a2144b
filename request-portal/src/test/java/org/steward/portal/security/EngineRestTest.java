package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.portal.process.ModelerClient;

/**
 * {@code /engine-rest} takes HTTP Basic credentials with every call and never a session cookie: a logged-in admin's
 * browser cannot be used by a page elsewhere to deploy a model, and no call there creates or uses a session. The
 * Modeler's deployment and Cockpit (through its own API under /camunda/api) keep working.
 */
class EngineRestTest extends IntegrationTest {

    private static final String KEY = "engineRestCookieTest";

    @Autowired
    private RepositoryService repository;

    @AfterEach
    void removeTheTestModel() {
        repository.createDeploymentQuery().deploymentName(KEY).list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    @Test
    void anAdminsSessionCookieAloneIsNotEnough() throws Exception {
        Visitor admin = new Visitor(port).loggedInAs("admin");
        // The session is real: the portal and Cockpit's own API take it.
        assertThat(admin.get("/admin", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(admin.get("/camunda/app/cockpit/default/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(admin.get("/camunda/api/admin/auth/user/default", "Accept", "application/json").statusCode())
                .isEqualTo(200);

        HttpResponse<String> read = admin.get("/engine-rest/deployment?maxResults=1", "Accept", "application/json");
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(read.body()).path("detail").asText()).contains("HTTP Basic");

        long deployments = repository.createDeploymentQuery().count();
        HttpResponse<String> deploy = admin.send("POST", "/engine-rest/deployment/create", multipart(model()),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "Accept", "application/json");
        assertThat(deploy.statusCode()).isEqualTo(401);
        assertThat(deploy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).isZero();
    }

    @Test
    void basicCredentialsWorkAndNoCallMakesOrUsesASession() throws Exception {
        ModelerClient modeler = new ModelerClient(port, json);
        ModelerClient.Answer deployed = modeler.deploy(KEY, "admin", "demo", Map.of(KEY + ".bpmn", model()));
        assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).isOne();

        Visitor client = new Visitor(port);
        HttpResponse<String> engine = client.get("/engine-rest/engine", "Authorization", Visitor.basic("admin", "demo"));
        assertThat(engine.statusCode()).isEqualTo(200);
        assertThat(Visitor.setsCookie(engine)).as("a session cookie from /engine-rest").isFalse();
        HttpResponse<String> refused = client.get("/engine-rest/engine", "Authorization", Visitor.basic("alex", "demo"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Visitor.setsCookie(refused)).isFalse();
        assertThat(Visitor.setsCookie(client.get("/engine-rest/engine"))).isFalse();

        // A staff member's session with an admin's Basic credentials: the credentials decide, the session is left as
        // it was (still alex's, still working in the portal).
        Visitor staff = new Visitor(port).loggedInAs("alex");
        HttpResponse<String> withBoth = staff.get("/engine-rest/engine", "Authorization", Visitor.basic("admin", "demo"));
        assertThat(withBoth.statusCode()).isEqualTo(200);
        assertThat(Visitor.setsCookie(withBoth)).isFalse();
        assertThat(staff.get("/engine-rest/engine").statusCode()).isEqualTo(401);
        assertThat(staff.get("/", "Accept", "text/html").body()).contains("Alex Anders");
    }

    @Test
    void theEngineApiCannotBeReachedUnderAnotherSpellingOfItsAddress() throws Exception {
        Visitor staff = new Visitor(port).loggedInAs("alex");
        // %2D is a hyphen: the server would map /engine%2Drest to the engine's API. No link spells it so: refused.
        for (String path : new String[] {"/engine%2Drest/engine", "/%65ngine-rest/engine", "/engine-rest/%65ngine"}) {
            HttpResponse<String> session = staff.get(path, "Accept", "application/json");
            assertThat(session.statusCode()).as(path).isEqualTo(400);
            assertThat(json.readTree(session.body()).path("detail").asText()).contains("cannot read this address");
            assertThat(staff.get(path, "Authorization", Visitor.basic("alex", "demo")).statusCode()).as(path)
                    .isEqualTo(400);
            assertThat(staff.get(path, "Authorization", Visitor.basic("admin", "demo")).statusCode()).as(path)
                    .isEqualTo(400);
        }
    }

    @Test
    void aPageOnAnotherSiteCannotDeployThroughAnAdminsBrowser() throws Exception {
        Visitor admin = new Visitor(port).loggedInAs("admin");
        long deployments = repository.createDeploymentQuery().count();

        // What a form on another site's page sends: the cookie the browser holds, that site as Origin.
        HttpResponse<String> withCookie = admin.send("POST", "/engine-rest/deployment/create", multipart(model()),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "Origin", "https://evil.example.net");
        assertThat(withCookie.statusCode()).isEqualTo(403);
        JsonNode problem = json.readTree(withCookie.body());
        assertThat(problem.path("detail").asText()).contains("another website").contains("Nothing was changed");

        // Even with Basic credentials the browser remembers for this site.
        HttpResponse<String> withBasic = admin.send("POST", "/engine-rest/deployment/create", multipart(model()),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "Origin", "https://evil.example.net",
                "Authorization", Visitor.basic("admin", "demo"));
        assertThat(withBasic.statusCode()).isEqualTo(403);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    private static final String BOUNDARY = "----StewardEngineRestTest";

    private static byte[] model() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/test">
                  <bpmn:process id="%1$s" name="Engine REST test" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toStep" sourceRef="start" targetRef="step"/>
                    <bpmn:userTask id="step" name="Check it" camunda:candidateGroups="staff-cd"
                        camunda:dueDate="${workingDays.after(2)}">
                      <bpmn:extensionElements>
                        <camunda:formData>
                          <camunda:formField id="decision" label="Decision" type="enum">
                            <camunda:value id="approve" name="Approve"/>
                            <camunda:value id="reject" name="Reject"/>
                          </camunda:formField>
                        </camunda:formData>
                      </bpmn:extensionElements>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="toEnd" sourceRef="step" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String multipart(byte[] model) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + KEY + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + KEY + ".bpmn\"; filename=\"" + KEY
                + ".bpmn\"\r\nContent-Type: text/xml\r\n\r\n" + new String(model, java.nio.charset.StandardCharsets.UTF_8)
                + "\r\n--" + BOUNDARY + "--\r\n";
    }
}
