package org.steward.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.portal.IntegrationTest;

/**
 * The API's OpenAPI document describes every operation under /api, with the problems each may answer, and is for
 * people logged in; Swagger UI shows it under the portal's Content-Security-Policy.
 */
class ApiDocsTest extends IntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyMappingUnderTheApiIsInTheDocumentAndNothingElse() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/api") || pattern.startsWith("/api/")) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                    if (methods.isEmpty()) {
                        mapped.add("* " + path);
                    }
                    methods.forEach(method -> mapped.add(method.name() + " " + path));
                }
            }
        });
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : fields(document().get("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                if (METHODS.contains(operation.getKey())) {
                    documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }

        assertThat(mapped).as("the API maps something").isNotEmpty();
        assertThat(documented).as("every mapping under /api in /v3/api-docs, and nothing else there (missing: %s; "
                + "not mapped: %s)", difference(mapped, documented), difference(documented, mapped))
                .isEqualTo(mapped);
    }

    @Test
    void everyOperationDocumentsTheProblemsItMayAnswer() {
        JsonNode document = document();
        assertThat(document.at("/components/schemas/Problem/properties").has("errors"))
                .as("the problem's schema, with its field errors: %s", document.get("components")).isTrue();
        for (Map.Entry<String, JsonNode> path : fields(document.get("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().get("responses");
                Set<String> statuses = new HashSet<>();
                responses.fieldNames().forEachRemaining(statuses::add);
                assertThat(statuses).as(where).contains("401", "403", "500");
                if (path.getKey().contains("{")) {
                    assertThat(statuses).as(where).contains("404");
                }
                if (!operation.getKey().equals("get")) {
                    assertThat(statuses).as(where).contains("409");
                }
                if (operation.getValue().has("requestBody")) {
                    assertThat(statuses).as(where).contains("400", "413", "415");
                }
                for (String status : List.of("400", "401", "403", "404", "409", "413", "415", "500")) {
                    if (responses.has(status)) {
                        assertThat(responses.get(status).at("/content/application~1problem+json/schema/$ref")
                                .asText()).as(where + " " + status).isEqualTo("#/components/schemas/Problem");
                        assertThat(responses.get(status).get("description").asText()).as(where + " " + status)
                                .isNotBlank();
                    }
                }
            }
        }
        JsonNode complete = document.at("/paths/~1api~1tasks~1{id}~1complete/post/responses");
        assertThat(complete.has("409")).isTrue();
        assertThat(complete.get("409").get("description").asText()).contains("Cannot be done now");
    }

    @Test
    void theDocumentAndSwaggerUiAreForPeopleLoggedIn() throws Exception {
        for (String address : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html",
                "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js")) {
            MvcResult anonymous = mvc.perform(MockMvcRequestBuilders.get(address)).andReturn();
            assertThat(anonymous.getResponse().getStatus()).as(address).isEqualTo(302);
            assertThat(anonymous.getResponse().getRedirectedUrl()).as(address).endsWith("/login");
        }

        MvcResult shown = mvc.perform(MockMvcRequestBuilders.get("/swagger-ui/index.html")
                .with(httpBasic("alex", "demo"))).andReturn();
        assertThat(shown.getResponse().getStatus()).isEqualTo(200);
        assertThat(shown.getResponse().getContentAsString()).contains("swagger-ui-bundle.js")
                .doesNotContain("<script>").doesNotContain("<style>");
        // Swagger UI's bundle adds a style element as it draws: inline style is allowed on its pages, script is not.
        assertThat(shown.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self';")
                .contains("style-src 'self' 'unsafe-inline';").doesNotContain("unsafe-eval");
        MvcResult page = mvc.perform(MockMvcRequestBuilders.get("/requests").with(httpBasic("alex", "demo")))
                .andReturn();
        assertThat(page.getResponse().getHeader("Content-Security-Policy")).as("every other page's policy")
                .contains("style-src 'self';").doesNotContain("unsafe");
        MvcResult config = mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs/swagger-config")
                .with(httpBasic("alex", "demo"))).andReturn();
        assertThat(config.getResponse().getContentAsString()).contains("/v3/api-docs");
    }

    private JsonNode document() {
        Answer docs = call("alex", HttpMethod.GET, "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("openapi").asText()).startsWith("3.");
        return docs.body();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            return fields;
        };
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
