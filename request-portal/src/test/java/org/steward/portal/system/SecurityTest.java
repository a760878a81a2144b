package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/** One login for the portal, the API and Camunda's webapps, and who is let in where. */
class SecurityTest extends IntegrationTest {

    @Autowired
    private PeopleService people;

    @Test
    void anApiCallWithoutCredentialsIsAskedToLogInWithAProblem() {
        Answer answer = get(null, "/api/datasets");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(answer.body().get("status").asInt()).isEqualTo(401);
        assertThat(answer.body().get("detail").asText()).contains("Log in");
    }

    @Test
    void aWrongPasswordIsToldSoAndSoIsAnUnknownUser() {
        String user = "wrongpw-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        people.createPerson(user, "Wanda", "Wrong", user + "@example.org", "right-password");
        try {
            ResponseEntity<String> wrong = basic(user, "wrong-password", "/api/datasets");
            assertThat(wrong.getStatusCode().value()).isEqualTo(401);
            assertThat(wrong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(detail(wrong)).isEqualTo("The user name or password is wrong.");

            ResponseEntity<String> unknown = basic("nobody-" + user, "wrong-password", "/api/datasets");
            assertThat(unknown.getStatusCode().value()).isEqualTo(401);
            assertThat(detail(unknown)).isEqualTo("The user name or password is wrong.");
        } finally {
            people.unlock(user);
        }
    }

    @Test
    void theEngineRestApiIsForAdminsOnly() {
        Answer admin = get("admin", "/engine-rest/engine");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().findValuesAsText("name")).contains("default");

        Answer staff = get("alex", "/engine-rest/engine");
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        Answer anonymous = get(null, "/engine-rest/engine");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theHomePageIsThePortalNotCockpit() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("alex", "demo");
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> home = http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertThat(home.getStatusCode().value()).isEqualTo(200);
        assertThat(home.getHeaders().getLocation()).isNull();
        assertThat(home.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(home.getBody()).contains("Steward").contains("Hello, Alex Anders")
                .contains("Tasks waiting for you").doesNotContain("Open Camunda Cockpit");
    }

    @Test
    void anAdminLoggedInToThePortalIsLoggedInToCockpit() {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.logIn("admin", "demo");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> cockpit = browser.get("/camunda/app/cockpit/default/", "text/html");
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(cockpit.body()).containsIgnoringCase("<title>Camunda Cockpit</title>");

        HttpResponse<String> user = browser.get("/camunda/api/admin/auth/user/default", "application/json");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(parse(user.body()).get("userId").asText()).isEqualTo("admin");
    }

    @Test
    void aStaffMemberLoggedInToThePortalIsKeptOutOfCockpit() {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.logIn("alex", "demo");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.get("/", "text/html").body()).contains("Alex Anders");

        assertThat(browser.get("/camunda/app/cockpit/default/", "text/html").statusCode()).isEqualTo(403);
        assertThat(browser.get("/camunda/api/admin/auth/user/default", "application/json").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSessionMustSendItsCsrfTokenWhileHttpBasicNeedNot() throws Exception {
        String body = json.writeValueAsString(requestBody("Centerlines through a session", "PW-STREET-CENTERLINES"));
        Browser browser = new Browser(port);
        assertThat(browser.logIn("alex", "demo").statusCode()).isEqualTo(302);
        long listed = total("alex", "/api/requests");

        HttpResponse<String> withoutToken = browser.postJson("/api/requests", body);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(total("alex", "/api/requests")).isEqualTo(listed);

        Answer basic = post("alex", "/api/requests", body);
        assertThat(basic.status()).isEqualTo(201);
        assertThat(basic.body().get("reference").asText()).matches("DR-\\d{4}-\\d{4}");

        // The same session with the token its pages carry is let through: the token was what was missing.
        String token = Browser.csrfToken(browser.get("/", "text/html").body());
        HttpResponse<String> withToken = browser.send("/api/requests", body, "X-CSRF-TOKEN", token);
        assertThat(withToken.statusCode()).isEqualTo(201);
        assertThat(total("alex", "/api/requests")).isEqualTo(listed + 2);
    }

    private ResponseEntity<String> basic(String user, String password, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private String detail(ResponseEntity<String> response) {
        return parse(response.getBody()).get("detail").asText();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
