package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The README's table of settings lists every {@code steward.*} setting the modules declare (from the metadata the
 * configuration processor writes), no other, each with its default and an environment variable that Spring reads as
 * that setting.
 */
class SettingsTableTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `(steward\\.[a-z0-9.-]+)` \\| (.+?) \\| .+ \\| `([A-Z0-9_]+)` \\|$");

    @Test
    void theReadmeListsEverySettingTheModulesDeclare() throws Exception {
        assertThat(table().keySet()).as("settings in the README's table")
                .containsExactlyInAnyOrderElementsOf(declared().keySet());
    }

    @Test
    void theReadmeShowsEachSettingsDefault() throws Exception {
        Map<String, Row> table = table();
        declared().forEach((name, fallback) -> {
            if (fallback != null && table.containsKey(name)) {
                assertThat(table.get(name).fallback()).as("the default of %s", name).contains("`" + fallback + "`");
            }
        });
    }

    @Test
    void eachEnvironmentVariableIsReadAsItsSetting() throws Exception {
        for (Map.Entry<String, Row> row : table().entrySet()) {
            // The README also promises the form with an underscore for each dash, which older guides use.
            String underscored = row.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            for (String variable : List.of(row.getValue().variable(), underscored)) {
                ConfigurationPropertySource environment = ConfigurationPropertySource.from(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(variable, "set")));
                assertThat(environment.getConfigurationProperty(ConfigurationPropertyName.of(row.getKey())))
                        .as("%s read from %s", row.getKey(), variable).isNotNull();
            }
        }
    }

    /** One row of the table: the default as written, and the environment variable. */
    private record Row(String fallback, String variable) {
    }

    /**
     * The steward.* settings in every module's spring-configuration-metadata.json on the classpath, each with its
     * default as the README writes it (a list joined by commas); null when it has none, or an empty one.
     */
    private static Map<String, String> declared() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<URL> files = Collections.list(SettingsTableTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
        Map<String, String> names = new TreeMap<>();
        for (URL file : files) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("steward.")) {
                        assertThat(property.path("description").asText()).as("the description of %s", name)
                                .isNotBlank();
                        names.put(name, fallback(property.path("defaultValue")));
                    }
                }
            }
        }
        assertThat(names).as("settings declared by workflow-engine, notifications and the portal")
                .containsKeys("steward.time-zone", "steward.mail.from", "steward.api.max-body-size");
        return names;
    }

    private static String fallback(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        String text = value.asText();
        if (text.startsWith("[") && text.endsWith("]")) {
            // The processor writes the default of a record's list as the list's toString()
            text = String.join(",", text.substring(1, text.length() - 1).split(",\\s*"));
        }
        return value.isMissingNode() || value.isNull() || text.isEmpty() ? null : text;
    }

    /** The README's settings table: each setting with its default and environment variable. */
    private static Map<String, Row> table() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("\n## Settings\n");
        assertThat(start).as("a Settings section in the README").isPositive();
        int end = text.indexOf("\n## ", start + 1);
        Map<String, Row> rows = new TreeMap<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(rows.put(row.group(1), new Row(row.group(2), row.group(3))))
                        .as("%s listed once", row.group(1)).isNull();
            }
        }
        return rows;
    }
}
