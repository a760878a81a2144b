package org.steward.workflow.agreement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agreements' settings ({@code steward.agreements.*}). The template folder is read again at each draft and
 * preview, through {@link AgreementSettings}, so that a folder an admin points Steward at is used without a restart.
 *
 * @param templateFolder the folder holding the city's own agreement-template.html; empty for the built-in template
 * @param breachWindowHours the hours within which a breach must be reported, as written into every agreement
 * @param publicRegister open the register of agreements in force (/public/agreements) to anyone, without login
 */
@ConfigurationProperties("steward.agreements")
public record AgreementProperties(
        @DefaultValue("") String templateFolder,
        @DefaultValue("72") int breachWindowHours,
        @DefaultValue("false") boolean publicRegister) {
}
