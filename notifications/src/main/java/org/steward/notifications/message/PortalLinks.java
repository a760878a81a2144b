package org.steward.notifications.message;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.steward.notifications.SiteSettings;

/**
 * Absolute links to the portal for emails: {@code steward.base-url} (the address people reach the portal at), or
 * this server's own port on localhost for the embedded default. Read when an email is written, once the port is
 * known.
 */
@Component
class PortalLinks {

    private final SiteSettings site;
    private final Environment environment;

    PortalLinks(SiteSettings site, Environment environment) {
        this.site = site;
        this.environment = environment;
    }

    String to(String path) {
        String base = site.baseUrl();
        if (base.isEmpty()) {
            base = "http://localhost:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080"));
        }
        return base.replaceAll("/+$", "") + path;
    }
}
