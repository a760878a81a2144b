package org.steward.workflow.agreement;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The agreements' settings ({@link AgreementProperties}) as they stand now, bound again each time they are used
 * rather than once at start-up: the template folder an admin points Steward at is the one the next draft and the next
 * preview use.
 */
@Component
@EnableConfigurationProperties(AgreementProperties.class)
public class AgreementSettings {

    /** The folder holding an admin's {@value AgreementTemplate#FILE_NAME}; empty for the built-in template. */
    public static final String TEMPLATE_FOLDER = "steward.agreements.template-folder";

    private final Environment environment;

    AgreementSettings(Environment environment) {
        this.environment = environment;
    }

    /** The configured template folder, trimmed; empty when none is set. */
    public String templateFolder() {
        AgreementProperties now = Binder.get(environment)
                .bindOrCreate("steward.agreements", Bindable.of(AgreementProperties.class));
        return now.templateFolder() == null ? "" : now.templateFolder().trim();
    }
}
