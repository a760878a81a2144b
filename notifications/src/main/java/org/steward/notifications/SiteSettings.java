package org.steward.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people reach this Steward and whether it is the demo city ({@code steward.*}): emails link to the one, and
 * the in-app mailbox stands in for everyone's inbox on the other.
 *
 * @param baseUrl the address people reach the portal at, for the links in emails and for telling Steward's own pages
 *     from other sites; empty means http://localhost and this server's port
 * @param demoData load the demo city (departments, datasets, people, requests) at start-up and let the in-app
 *     mailbox stand in for everyone's inbox when there is no mail server
 */
@ConfigurationProperties("steward")
public record SiteSettings(
        @DefaultValue("") String baseUrl,
        @DefaultValue("false") boolean demoData) {

    public SiteSettings {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
    }
}
