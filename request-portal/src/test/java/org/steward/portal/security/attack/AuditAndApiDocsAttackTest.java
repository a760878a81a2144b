package org.steward.portal.security.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;

/**
 * An outsider's attempts on the audit trail and the API documentation: people who are no auditor, and people not
 * logged in, get a refusal and never an event; odd parameters get a refusal or a plain page, never a server error;
 * the relaxed style policy of Swagger UI stays under /swagger-ui/.
 */
class AuditAndApiDocsAttackTest extends IntegrationTest {

    private static final List<String> ODD_QUERIES = List.of("", "?format=csv", "?format=CSV%20", "?type=nonsense",
            "?type=", "?page=-1", "?page=0", "?page=abc", "?page=99999999999", "?page=2147483647",
            "?page=50000000", "?from=garbage", "?to=2026-13-45", "?from=2026-01-31&to=2020-01-01",
            "?reference=%27%20or%201=1--", "?actor=%25", "?format=csv&type=nonsense", "?format=xml",
            "?page=2147483647&format=csv");

    /** Page numbers whose offset (page x 50) passes Integer.MAX_VALUE: checked for auditors in a test of their own. */
    private static final List<String> HUGE_PAGES = List.of("?page=2147483647", "?page=50000000");

    private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theAuditApi_refusesEveryoneButAuditors_andNeverErrs_whateverTheParameters() {
        for (String query : ODD_QUERIES) {
            String path = "/api/audit" + query;
            for (String user : List.of("alex", "sam", "fiona", "pat")) {
                Answer answer = get(user, path);
                assertThat(answer.status()).as(user + " " + path).isIn(400, 403);
                assertThat(answer.body().toString()).as(user + " " + path).doesNotContain("\"events\"")
                        .doesNotContain("Time,Event type");
            }
            Answer nobody = get(null, path);
            assertThat(nobody.status()).as("anonymous " + path).isIn(401, 403);
            assertThat(nobody.body().toString()).doesNotContain("\"events\"").doesNotContain("Time,Event type");
            for (String auditor : List.of("audrey", "admin")) {
                assertThat(get(auditor, path).status()).as(auditor + " " + path).isLessThan(500);
            }
        }
    }

    /**
     * An auditor who types a huge page number gets the last page or a plain refusal, not a server error. Found: the
     * offset page x 50 passes Integer.MAX_VALUE and Spring Data throws, answered as 500 on the API and the page.
     */
    @Test
    void aHugePageNumber_isNoServerError_forAnAuditor() throws Exception {
        for (String query : HUGE_PAGES) {
            assertThat(get("audrey", "/api/audit" + query).status()).as("API " + query).isLessThan(500);
            assertThat(page("audrey", "/audit" + query).getStatus()).as("page " + query).isLessThan(500);
        }
        // A page past the last shows the last one.
        var last = get("audrey", "/api/audit?page=2147483647").body();
        assertThat(last.path("page").asInt()).isEqualTo(last.path("pages").asInt()).isPositive();
    }

    @Test
    void theAuditPagesAndCsv_refuseNonAuditors_andNeverErr() throws Exception {
        for (String query : ODD_QUERIES) {
            for (String page : List.of("/audit", "/audit.csv")) {
                String path = page + query;
                for (String user : List.of("alex", "sam")) {
                    MockHttpServletResponse answer = page(user, path);
                    assertThat(answer.getStatus()).as(user + " " + path).isIn(400, 403);
                    assertThat(answer.getContentAsString()).as(user + " " + path).doesNotContain("Time,Event type")
                            .doesNotContain("id=\"events\"");
                }
                HttpResponse<String> nobody = raw(path);
                assertThat(nobody.statusCode()).as("anonymous " + path).isIn(302, 401, 403);
                assertThat(nobody.body()).doesNotContain("Time,Event type").doesNotContain("id=\"events\"");
                for (String auditor : List.of("audrey", "admin")) {
                    assertThat(page(auditor, path).getStatus()).as(auditor + " " + path).isLessThan(500);
                }
            }
        }
    }

    @Test
    void theApiDocsAndSwaggerUi_areNotServedToAnyoneNotLoggedIn() throws Exception {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs/", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                "/v3/api-docs;x=1", "/v3/api-docs?group=x", "/V3/api-docs", "/swagger-ui.html", "/swagger-ui/",
                "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js", "/swagger-ui/%2e%2e/v3/api-docs",
                "/swagger-ui/..;/v3/api-docs", "/v3//api-docs", "/api/../v3/api-docs")) {
            HttpResponse<String> answer = raw(path);
            assertThat(answer.statusCode()).as(path).isIn(302, 400, 401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain("\"openapi\"").doesNotContain("openapi:")
                    .doesNotContain("SwaggerUIBundle").doesNotContain("/api/audit");
        }
    }

    @Test
    void theRelaxedStylePolicy_appliesOnlyUnderSwaggerUi() throws Exception {
        for (String path : List.of("/requests", "/", "/audit", "/tasks", "/requests?x=/swagger-ui/",
                "/requests;/swagger-ui/", "/requests/%2fswagger-ui/")) {
            MockHttpServletResponse answer = page("alex", path);
            String policy = answer.getHeader("Content-Security-Policy");
            assertThat(policy).as(path).isNotNull().doesNotContain("unsafe-inline").contains("style-src 'self';");
        }
        for (String path : List.of("/login", "/requests", "/swagger-ui.html", "/v3/api-docs", "/sign/x",
                "/act/x")) {
            HttpResponse<String> answer = raw(path);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).isNotEmpty().doesNotContain("unsafe-inline");
        }
        HttpResponse<String> redirect = raw("/swagger-ui/index.html");
        assertThat(redirect.body()).doesNotContain("SwaggerUIBundle");
        MockHttpServletResponse swagger = page("alex", "/swagger-ui/index.html");
        assertThat(swagger.getStatus()).isEqualTo(200);
        assertThat(swagger.getHeader("Content-Security-Policy")).contains("style-src 'self' 'unsafe-inline';")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
    }

    private MockHttpServletResponse page(String user, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(URI.create(path)).with(httpBasic(user, "demo"))).andReturn()
                .getResponse();
    }

    private HttpResponse<String> raw(String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
