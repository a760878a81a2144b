package org.steward.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.portal.request.Pages;

/** While the demo city's people exist, every page says it is a demo, before anyone logs in too. */
class DemoBannerTest extends IntegrationTest {

    @Test
    void everyPageSaysItIsADemoCity() throws Exception {
        for (String path : new String[] {"/", "/tasks", "/requests/new", "/admin"}) {
            Document page = page(path, "admin");
            assertThat(page.select("header .demo-banner").text()).as(path)
                    .startsWith("Demo city — do not enter real data.");
        }
        assertThat(page("/login", null).select("header .demo-banner").text()).as("the login page")
                .startsWith("Demo city — do not enter real data.");
    }

    private Document page(String path, String user) throws Exception {
        var call = MockMvcRequestBuilders.get(path);
        MockHttpServletResponse response = mvc.perform(user == null ? call : call.with(httpBasic(user, "demo")))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return Pages.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
