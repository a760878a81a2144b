package org.steward.portal.system;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses how the console log is written from {@code steward.log.format} (environment variable
 * {@code STEWARD_LOG_FORMAT}): {@code text}, the default, is one plain line per event; {@code json} is one JSON object
 * per line in the Elastic Common Schema (ECS), and {@code logstash} one in Logstash's, through Spring Boot's structured
 * logging. Any other value refuses to start, naming the setting. Runs before the logging system starts.
 */
class LogFormat implements EnvironmentPostProcessor {

    static final String SETTING = "steward.log.format";
    private static final String CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = springFormat(environment.getProperty(SETTING));
        if (format != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("steward.log.format",
                    Map.of(CONSOLE, format)));
        }
    }

    /** Spring Boot's name of the structured format for a value of the setting; null for plain text. */
    static String springFormat(String value) {
        String format = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "", "text" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash" -> "logstash";
            default -> throw new IllegalArgumentException("STEWARD_LOG_FORMAT (steward.log.format) is '" + value
                    + "', which is not a log format Steward knows. Set it to json (one JSON line per event, Elastic "
                    + "Common Schema), logstash (JSON in Logstash's fields) or text (plain lines, the default).");
        };
    }
}
