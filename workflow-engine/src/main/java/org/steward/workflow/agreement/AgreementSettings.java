package org.steward.workflow.agreement;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The agreements' settings, read from Spring's Environment each time they are used rather than once at start-up:
 * the template folder an admin points Steward at is the one the next draft and the next preview use.
 */
@Component
public class AgreementSettings {

    /** The folder holding an admin's {@value AgreementTemplate#FILE_NAME}; empty for the built-in template. */
    public static final String TEMPLATE_FOLDER = "steward.agreements.template-folder";

    private final Environment environment;

    AgreementSettings(Environment environment) {
        this.environment = environment;
    }

    /** The configured template folder, trimmed; empty when none is set. */
    public String templateFolder() {
        String folder = environment.getProperty(TEMPLATE_FOLDER, "");
        return folder.trim();
    }
}
