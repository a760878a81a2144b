package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build writes the CycloneDX SBOMs a city checks against advisories: the application's Java libraries and the
 * front-end libraries its pages serve, both inside the jar under META-INF/sbom.
 */
class SbomTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theApplicationsSbomListsTheEngineAndSpringWithTheirVersions() throws Exception {
        List<String> components = components("META-INF/sbom/application.cdx.json");

        assertThat(components).contains("org.camunda.bpm:camunda-engine@7.24.0")
                .anyMatch(c -> c.startsWith("org.springframework:spring-core@6."))
                .anyMatch(c -> c.startsWith("com.mysql:mysql-connector-j@"));
    }

    @Test
    void theFrontEndsSbomListsTheDiagramViewerButNoTestTool() throws Exception {
        List<String> components = components("META-INF/sbom/frontend.cdx.json");

        assertThat(components).anyMatch(c -> c.startsWith("bpmn-js@"));
        assertThat(components).noneMatch(c -> c.startsWith("axe-core@"));
    }

    private List<String> components(String resource) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " is written by the build").isNotNull();
            JsonNode sbom = json.readTree(in);
            assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
            List<String> names = new ArrayList<>();
            for (JsonNode component : sbom.path("components")) {
                String group = component.path("group").asText("");
                names.add((group.isEmpty() ? "" : group + ":") + component.path("name").asText() + "@"
                        + component.path("version").asText());
            }
            return names;
        }
    }
}
