package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * STEWARD_LOG_FORMAT chooses the console's format before logging starts: json is Spring Boot's structured ECS lines,
 * unset or text the plain lines; a value Steward does not know stops the start with a message naming the variable.
 */
class LogFormatTest {

    @Test
    void jsonFromTheEnvironmentTurnsOnStructuredEcsLines() {
        assertThat(consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", "json"))).isEqualTo("ecs");
        assertThat(consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", " JSON "))).isEqualTo("ecs");
        assertThat(consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", "logstash"))).isEqualTo("logstash");
    }

    @Test
    void unsetOrTextKeepsThePlainLines() {
        assertThat(consoleFormatWith(Map.of())).isNull();
        assertThat(consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", "text"))).isNull();
        assertThat(consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", ""))).isNull();
    }

    @Test
    void anUnknownFormatStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> consoleFormatWith(Map.of("STEWARD_LOG_FORMAT", "xml")))
                .hasMessageStartingWith("STEWARD_LOG_FORMAT (steward.log.format) is 'xml'")
                .hasMessageContaining("json").hasMessageContaining("text");
    }

    /** What Spring Boot's logging reads as the console's structured format, with these environment variables. */
    private static String consoleFormatWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        ConfigurationPropertySources.attach(environment);
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("logging.structured.format.console");
    }
}
