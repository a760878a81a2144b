package org.steward.notifications.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.steward.notifications.SiteSettings;

/** Links in emails point at the address people reach the portal at, or at this server on localhost. */
class PortalLinksTest {

    @Test
    void theBaseUrlIsUsedWithoutDoubledSlashes() {
        PortalLinks links = new PortalLinks(new SiteSettings("https://data.city.example//", false),
                new MockEnvironment().withProperty("local.server.port", "8443"));
        assertThat(links.to("/requests/DR-2026-0001")).isEqualTo("https://data.city.example/requests/DR-2026-0001");
    }

    @Test
    void withoutABaseUrlLinksGoToThisServersPortOnLocalhost() {
        MockEnvironment started = new MockEnvironment().withProperty("server.port", "9090")
                .withProperty("local.server.port", "54321");
        assertThat(new PortalLinks(new SiteSettings("", false), started).to("/tasks"))
                .as("the port the server actually took").isEqualTo("http://localhost:54321/tasks");
        assertThat(new PortalLinks(new SiteSettings(" ", false), new MockEnvironment().withProperty("server.port", "9090"))
                .to("/tasks")).isEqualTo("http://localhost:9090/tasks");
        assertThat(new PortalLinks(new SiteSettings(null, false), new MockEnvironment()).to("/settings/email"))
                .isEqualTo("http://localhost:8080/settings/email");
    }
}
