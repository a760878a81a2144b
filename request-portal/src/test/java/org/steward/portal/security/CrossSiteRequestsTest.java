package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.steward.portal.IntegrationTest;

/**
 * A state change whose {@code Origin} (or, without one, {@code Referer}) names another site is refused with 403 and
 * plain words, whatever credentials come with it; the same change from Steward's own pages, or from a program that
 * sends neither header, goes through.
 */
class CrossSiteRequestsTest extends IntegrationTest {

    private static final String ELSEWHERE = "https://evil.example.net";

    private String reference;

    @BeforeEach
    void aRequestToCommentOn() {
        reference = submit("Centerlines for a cross-site test", "PW-STREET-CENTERLINES");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void everyStateChangingMethodFromAnotherSiteIsRefused(String method) throws Exception {
        Visitor alex = new Visitor(port).loggedInAs("alex");
        String token = Visitor.csrf(alex.get("/requests/" + reference, "Accept", "text/html").body());

        for (String path : List.of("/api/requests", "/api/requests/" + reference, "/requests/" + reference
                + "/comments", "/login", "/logout", "/engine-rest/deployment/create", "/camunda/api/admin/auth/user/default/logout",
                "/no/such/page")) {
            HttpResponse<String> withCookie = alex.send(method, path, "{}", "Content-Type", "application/json",
                    "X-CSRF-TOKEN", token, "Origin", ELSEWHERE);
            assertThat(withCookie.statusCode()).as("%s %s with the session", method, path).isEqualTo(403);
            assertRefusedInPlainWords(path, withCookie);

            HttpResponse<String> withBasic = new Visitor(port).send(method, path, "{}", "Content-Type",
                    "application/json", "Authorization", Visitor.basic("alex", "demo"), "Origin", ELSEWHERE);
            assertThat(withBasic.statusCode()).as("%s %s with Basic credentials", method, path).isEqualTo(403);
            assertRefusedInPlainWords(path, withBasic);
        }
        // Still logged in: the logout from elsewhere did nothing.
        assertThat(alex.get("/", "Accept", "text/html").body()).contains("Alex Anders");
    }

    @Test
    void aCommentFromAnotherSitesPageIsNotPosted() throws Exception {
        Visitor alex = new Visitor(port).loggedInAs("alex");
        String page = alex.get("/requests/" + reference, "Accept", "text/html").body();
        String form = Visitor.form(Map.of("body", "Posted by a page elsewhere", "_csrf", Visitor.csrf(page)));

        HttpResponse<String> fromElsewhere = alex.send("POST", "/requests/" + reference + "/comments", form,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html", "Origin", ELSEWHERE);
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(fromElsewhere.body()).contains("another website").doesNotContain("Exception");

        // A sandboxed frame or a data: page sends the origin "null": not Steward either.
        assertThat(alex.send("POST", "/requests/" + reference + "/comments", form, "Content-Type",
                "application/x-www-form-urlencoded", "Origin", "null").statusCode()).isEqualTo(403);
        // Without Origin, the Referer tells where the form was.
        assertThat(alex.send("POST", "/requests/" + reference + "/comments", form, "Content-Type",
                "application/x-www-form-urlencoded", "Referer", ELSEWHERE + "/prize.html").statusCode()).isEqualTo(403);
        assertThat(alex.get("/requests/" + reference, "Accept", "text/html").body())
                .doesNotContain("Posted by a page elsewhere");

        // From Steward's own page the same form goes through.
        HttpResponse<String> fromSteward = alex.send("POST", "/requests/" + reference + "/comments", form,
                "Content-Type", "application/x-www-form-urlencoded", "Origin", alex.origin(), "Referer",
                alex.origin() + "/requests/" + reference);
        assertThat(fromSteward.statusCode()).isEqualTo(302);
        assertThat(alex.get("/requests/" + reference, "Accept", "text/html").body())
                .contains("Posted by a page elsewhere");
    }

    @Test
    void programsThatSendNoOriginAndSameOriginCallsKeepWorking() throws Exception {
        String body = json.writeValueAsString(requestBody("Centerlines from curl", "PW-STREET-CENTERLINES"));
        Visitor curl = new Visitor(port);
        HttpResponse<String> noOrigin = curl.send("POST", "/api/requests", body, "Content-Type", "application/json",
                "Authorization", Visitor.basic("alex", "demo"));
        assertThat(noOrigin.statusCode()).isEqualTo(201);

        HttpResponse<String> sameOrigin = curl.send("POST", "/api/requests", body, "Content-Type", "application/json",
                "Authorization", Visitor.basic("alex", "demo"), "Origin", curl.origin());
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
        // The same host on another port, or over https, is another site.
        assertThat(curl.send("POST", "/api/requests", body, "Content-Type", "application/json", "Authorization",
                Visitor.basic("alex", "demo"), "Origin", "http://localhost:" + (port + 1)).statusCode()).isEqualTo(403);
        assertThat(curl.send("POST", "/api/requests", body, "Content-Type", "application/json", "Authorization",
                Visitor.basic("alex", "demo"), "Origin", "https://localhost:" + port).statusCode()).isEqualTo(403);

        // Reading is never refused for its Origin: a page elsewhere cannot read the answer anyway.
        assertThat(curl.get("/api/datasets", "Authorization", Visitor.basic("alex", "demo"), "Origin", ELSEWHERE)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void behindAProxyTheSiteIsTheOnePeopleReach() throws Exception {
        // The tests trust X-Forwarded-* from 127.0.0.1, as server.forward-headers-strategy=native does behind a proxy.
        String body = json.writeValueAsString(requestBody("Centerlines through a proxy", "PW-STREET-CENTERLINES"));
        Visitor proxied = new Visitor(port);
        String[] proxy = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "steward.city.example"};
        HttpResponse<String> fromItsPage = proxied.send("POST", "/api/requests", body, with(proxy, "Content-Type",
                "application/json", "Authorization", Visitor.basic("alex", "demo"), "Origin",
                "https://steward.city.example"));
        assertThat(fromItsPage.statusCode()).isEqualTo(201);

        HttpResponse<String> fromTheInsideAddress = proxied.send("POST", "/api/requests", body, with(proxy,
                "Content-Type", "application/json", "Authorization", Visitor.basic("alex", "demo"), "Origin",
                proxied.origin()));
        assertThat(fromTheInsideAddress.statusCode()).isEqualTo(403);
    }

    private void assertRefusedInPlainWords(String path, HttpResponse<String> answer) throws Exception {
        String type = answer.headers().firstValue("Content-Type").orElseThrow();
        if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
            assertThat(type).as(path).startsWith("application/problem+json");
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(403);
            assertThat(problem.path("detail").asText()).contains("another website").contains("Nothing was changed");
        } else {
            assertThat(type).as(path).startsWith("text/html");
            assertThat(answer.body()).contains("another website").contains("Nothing was changed");
        }
    }

    private static String[] with(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
