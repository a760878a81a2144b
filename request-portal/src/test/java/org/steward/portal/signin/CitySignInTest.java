package org.steward.portal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.steward.portal.NodeProcess;
import org.steward.portal.browser.BrowserTest;
import org.steward.portal.process.ModelerClient;

/**
 * Sign-in through a real OpenID Connect provider (Spring Authorization Server, in this JVM) into a Steward node of its
 * own that has the city sign-in configured: people sign in on the provider's own login page and come back to the page
 * they wanted, with the groups the mapping gives; tokens of the provider call the API and deploy through
 * /engine-rest; tokens that fail a check are refused with 401 and a reason. The node runs on H2, or on MariaDB under
 * the mariadb profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CitySignInTest extends BrowserTest {

    private static final String KEY = "citySignInDeployTest";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private int stewardPort;
    private int providerPort;
    private NodeProcess node;
    private CityProvider provider;

    @BeforeAll
    void startNode() throws Exception {
        stewardPort = NodeProcess.unusedPort();
        providerPort = NodeProcess.unusedPort();
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", Integer.toString(stewardPort));
        environment.put("STEWARD_BASE_URL", "http://localhost:" + stewardPort);
        environment.put("STEWARD_OIDC_ISSUER_URI", "http://127.0.0.1:" + providerPort);
        environment.put("STEWARD_OIDC_CLIENT_ID", CityProvider.CLIENT_ID);
        environment.put("STEWARD_OIDC_CLIENT_SECRET", CityProvider.CLIENT_SECRET);
        environment.put("STEWARD_OIDC_ADMIN_GROUP", CityProvider.ADMIN_GROUP);
        // The demo city's departments and groups; its people are not made where the city's provider signs people in.
        environment.put("STEWARD_DEMODATA", "true");
        environment.put("SPRING_JMX_ENABLED", "false");
        environment.putAll(CityNodeDatabase.environment("city-sign-in"));
        node = NodeProcess.start(environment, Path.of("target", "signin", "node.log"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        while (!answers("/login")) {
            assertThat(node.isAlive()).as("the node runs:\n" + node.log()).isTrue();
            assertThat(Instant.now()).as("the node to start within 150 s:\n" + node.log()).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    @AfterAll
    void stopNode() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected String url(String path) {
        return "http://localhost:" + stewardPort + path;
    }

    @Test
    @Order(1)
    void whileTheProviderIsDownSignInSaysSoInPlainWords() throws Exception {
        assertThat(provider).as("this test runs before the provider starts").isNull();
        open("/requests");
        waitFor(By.id("city-sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/login?error"));
        String alert = waitFor(By.cssSelector("[role=alert]")).getText();
        assertThat(alert).contains("city's sign-in service cannot be reached").contains("Try again");
        assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
        screenshot("provider-down");
        // The node started without its provider and did not need it to.
        assertThat(node.isAlive()).isTrue();
    }

    @Test
    @Order(2)
    void anAdminSignsInOnTheProvidersPageComesBackWhereTheyWereAndMapsADirectoryGroup() {
        provider();
        open("/admin/directory-groups");
        waitFor(By.id("city-sign-in"));
        screenshot("login-page");
        browser.findElement(By.id("city-sign-in")).click();
        signInAtProvider("ada");
        at("/admin/directory-groups");
        assertThat(browser.findElement(By.cssSelector(".site-header__user")).getText()).contains("Ada Adams");
        browser.findElement(By.id("directoryGroup")).sendKeys("FIN-Stewards");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("stewardGroup")))
                .selectByValue("stewards-fin");
        browser.findElement(By.cssSelector("main form:last-of-type button[type=submit]")).click();
        waitForText(By.cssSelector("[role=status]"), "Members of FIN-Stewards are put in stewards-fin");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("FIN-Stewards")
                .contains("stewards-fin");
        screenshot("mapped");

        // Cockpit and Tasklist take the same sign-in: Cockpit opens as Ada, with no login of its own.
        open("/camunda/app/cockpit/default/");
        wait.until(ExpectedConditions.titleContains("Cockpit"));
        Object cockpitUser = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('/camunda/api/admin/auth/user/default', {headers: {Accept: 'application/json'}})"
                        + ".then(function (r) { return r.text(); }).then(done, function (e) { done(String(e)); });");
        assertThat(String.valueOf(cockpitUser)).contains("\"userId\":\"ada\"").contains("cockpit");
    }

    @Test
    @Order(3)
    void aPersonGetsTheirMappedGroupsAndLosesThemAtTheNextSignInAfterTheDirectoryDropsThem() throws Exception {
        provider();
        signInThroughTheCity("maria");
        assertThat(browser.findElement(By.cssSelector(".site-header__user")).getText()).contains("Maria Moreno");
        screenshot("signed-in");
        String token = clientToken(CityProvider.SCRIPTS_ID);
        assertThat(groupsOf("maria", token)).contains("stewards-fin", "staff-fin").doesNotContain("admins");
        JsonNode profile = json.readTree(call("GET", "/engine-rest/user/maria/profile", "Bearer " + token).body());
        assertThat(profile.path("email").asText()).isEqualTo("maria@city.example");

        // The directory takes her out of the stewards; she signs out (at the provider too) and in again.
        provider.directory().setGroups("maria", List.of("staff-fin"));
        browser.findElement(By.cssSelector(".site-header__user button")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        screenshot("signed-out");
        open("/");
        waitFor(By.id("city-sign-in")).click();
        // Signed out at the provider too: its login page asks again.
        signInAtProvider("maria");
        at("/");
        assertThat(groupsOf("maria", token)).contains("staff-fin").doesNotContain("stewards-fin");
    }

    @Test
    @Order(4)
    void aTokenOfTheProviderCallsTheApiAndDeploysThroughTheEngineRestApi() throws Exception {
        provider();
        String token = clientToken(CityProvider.SCRIPTS_ID);
        HttpResponse<String> datasets = call("GET", "/api/datasets", "Bearer " + token);
        assertThat(datasets.statusCode()).as(datasets.body()).isEqualTo(200);
        assertThat(json.readTree(datasets.body()).isArray()).isTrue();
        assertThat(datasets.headers().allValues("Set-Cookie")).as("no session for a token").isEmpty();

        ModelerClient.Answer deployed = new ModelerClient(stewardPort, json).deployAs("Bearer " + token, KEY,
                Map.of(KEY + ".bpmn", model()));
        assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(200);
        JsonNode definitions = json.readTree(call("GET", "/engine-rest/process-definition?key=" + KEY,
                "Bearer " + token).body());
        assertThat(definitions.size()).isOne();
    }

    @Test
    @Order(5)
    void tokensThatFailACheckAre401WithTheReason() throws Exception {
        provider();
        Instant now = Instant.now();
        Map<String, Object> good = Map.of("iss", provider.issuer(), "sub", CityProvider.SCRIPTS_ID, "aud",
                List.of(CityProvider.CLIENT_ID), "groups", List.of(CityProvider.ADMIN_GROUP));
        // The same claims, signed by the provider's key, just made: accepted (so the refusals below are the checks').
        assertThat(call("GET", "/api/datasets", "Bearer " + provider.sign(good, now, now.plusSeconds(300)))
                .statusCode()).isEqualTo(200);

        String expired = provider.sign(good, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)));
        assertRefused(call("GET", "/api/datasets", "Bearer " + expired), "expired");

        Map<String, Object> otherIssuer = new HashMap<>(good);
        otherIssuer.put("iss", "http://127.0.0.1:1/other-city");
        assertRefused(call("GET", "/api/datasets", "Bearer " + CityProvider.signElsewhere(otherIssuer, now,
                now.plusSeconds(300))), "");
        // The right issuer's name on a token its key did not sign.
        assertRefused(call("GET", "/engine-rest/engine", "Bearer " + CityProvider.signElsewhere(good, now,
                now.plusSeconds(300))), "");
        // Signed by the provider with the right key, but naming another issuer.
        assertRefused(call("GET", "/api/datasets", "Bearer " + provider.sign(otherIssuer, now, now.plusSeconds(300))),
                "iss");

        // A real token of the provider, for another application.
        String otherApp = clientToken(CityProvider.OTHER_APP_ID);
        assertRefused(call("GET", "/api/datasets", "Bearer " + otherApp), "audience");
        assertRefused(call("GET", "/engine-rest/engine", "Bearer " + otherApp), "audience");

        // With the city sign-in on, HTTP Basic is off unless switched on.
        HttpResponse<String> basic = call("GET", "/api/datasets", "Basic " + Base64.getEncoder()
                .encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Bearer"))
                .noneMatch(h -> h.startsWith("Basic"));
    }

    @Test
    @Order(6)
    void aSignInThatComesBackWithoutHavingStartedHereIsRefusedInPlainWords() {
        provider();
        open("/login/oauth2/code/city?code=made-up&state=made-up");
        wait.until(ExpectedConditions.urlContains("/login?error"));
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("expired or was started in another "
                + "window");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    @Test
    @Order(7)
    void noDemoPersonExistsWhereTheCitySignsPeopleIn() throws Exception {
        provider();
        String token = clientToken(CityProvider.SCRIPTS_ID);
        for (String demo : List.of("alex", "admin", "sam")) {
            assertThat(call("GET", "/engine-rest/user/" + demo + "/profile", "Bearer " + token).statusCode())
                    .as(demo).isEqualTo(404);
        }
        open("/");
        assertThat(browser.findElements(By.cssSelector(".demo-banner"))).isEmpty();
    }

    // ---- helpers

    private void provider() {
        if (provider == null) {
            provider = CityProvider.start(providerPort, "http://localhost:" + stewardPort);
            provider.directory().put("ada", new CityProvider.Directory.Member("ada-city-password", "Ada", "Adams",
                    List.of(CityProvider.ADMIN_GROUP)));
            provider.directory().put("maria", new CityProvider.Directory.Member("maria-city-password", "Maria",
                    "Moreno", List.of("FIN-Stewards", "staff-fin")));
        }
    }

    private void signInThroughTheCity(String userName) {
        open("/");
        waitFor(By.id("city-sign-in")).click();
        signInAtProvider(userName);
        at("/");
    }

    /** On the provider's own login page, as the person would. */
    private void signInAtProvider(String userName) {
        wait.until(ExpectedConditions.urlContains("127.0.0.1:" + providerPort + "/login"));
        waitFor(By.id("username")).sendKeys(userName);
        browser.findElement(By.id("password")).sendKeys(provider.directory().get(userName).password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Back at Steward on this page (Spring Security marks a page it sends a person back to with "?continue"). */
    private void at(String path) {
        wait.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(url(path)) + "(\\?continue)?$"));
    }

    private List<String> groupsOf(String userId, String token) throws Exception {
        JsonNode groups = json.readTree(call("GET", "/engine-rest/group?member=" + userId, "Bearer " + token).body());
        return groups.findValuesAsText("id");
    }

    private String clientToken(String clientId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(provider.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":"
                        + (clientId.equals(CityProvider.OTHER_APP_ID) ? CityProvider.OTHER_APP_SECRET
                        : CityProvider.SCRIPTS_SECRET)).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("access_token").asText();
    }

    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json")
                .header("Authorization", authorization).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private boolean answers(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private void assertRefused(HttpResponse<String> answer, String reason) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
        assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\"");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("title").asText()).isEqualTo("Token refused");
        assertThat(problem.path("detail").asText()).contains(reason).doesNotContain("Exception");
    }

    private static byte[] model() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/test">
                  <bpmn:process id="%1$s" name="City sign-in test" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(KEY).getBytes(StandardCharsets.UTF_8);
    }
}
