package org.steward.portal.startup;

import java.util.Locale;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Why this node will not start, in words for the city's IT team: what is wrong and what to do, printed by {@link
 * StartRefusedAnalyzer} as Spring Boot's "APPLICATION FAILED TO START" report; the process then exits with {@link
 * #getExitCode()}.
 */
public class StartRefused extends RuntimeException implements ExitCodeGenerator {

    /** A setting is missing or wrong (sysexits' EX_CONFIG): starting again changes nothing until it is corrected. */
    public static final int WRONG_SETTING = 78;

    /** The database did not answer within the wait (sysexits' EX_UNAVAILABLE): starting again later may work. */
    public static final int DATABASE_UNREACHABLE = 69;

    private final String action;
    private final int exitCode;

    StartRefused(String description, String action, int exitCode, Throwable cause) {
        super(description, cause);
        this.action = action;
        this.exitCode = exitCode;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /**
     * A setting that is missing or wrong: {@code problem} says what is wrong with it (its name, environment variable
     * and where its value came from are added), {@code action} what to set instead.
     */
    static StartRefused wrongSetting(Environment environment, String setting, String problem, String action) {
        return new StartRefused(named(setting) + " " + problem + setBy(environment, setting) + ".", action,
                WRONG_SETTING, null);
    }

    /** "spring.mail.host (environment variable SPRING_MAIL_HOST)". */
    static String named(String setting) {
        return setting + " (environment variable " + variableOf(setting) + ")";
    }

    /** The environment variable Spring reads as the setting, in the form the README's table gives. */
    static String variableOf(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    /** Where the setting's value came from (the environment, a file and its line, the command line), when known. */
    private static String setBy(Environment environment, String setting) {
        if (!(environment instanceof org.springframework.core.env.ConfigurableEnvironment configurable)) {
            return "";
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(setting);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null && property.getOrigin() != null) {
                return "; it was set by " + property.getOrigin();
            }
        }
        return "";
    }
}
