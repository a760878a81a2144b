package org.steward.notifications.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A status email in both its forms: what a person typed is shown as typed, and never becomes markup. */
class EmailTemplatesTest {

    private static final String TYPED = "Bus stops <script>alert('x')</script> & \"shelters\"";

    private final EmailTemplates templates = new EmailTemplates();

    private static Map<String, Object> statusEmail(String reason) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", "Alex Anders");
        model.put("reference", "DR-2026-0042");
        model.put("title", TYPED);
        model.put("headline", "Your request was rejected");
        model.put("reason", reason);
        model.put("next", "");
        model.put("requestUrl", "https://data.city.example/requests/DR-2026-0042");
        model.put("settingsUrl", "https://data.city.example/settings/email");
        model.put("topicLabel", "Your request was rejected");
        model.put("status", "Rejected");
        model.put("subject", "DR-2026-0042 was rejected");
        model.put("partner", false);
        return model;
    }

    @Test
    void thePlainTextShowsWhatWasTypedAsTyped() {
        String text = templates.render("status-changed.txt", statusEmail("Not <b>needed</b>"));
        assertThat(text).startsWith("Hello Alex Anders,")
                .contains("Request DR-2026-0042, \"" + TYPED + "\".")
                .contains("The reason given: Not <b>needed</b>")
                .contains("Open the request: https://data.city.example/requests/DR-2026-0042")
                .doesNotContain("What happens next");
    }

    @Test
    void theHtmlEscapesWhatWasTyped() {
        String html = templates.render("status-changed.html", statusEmail("Not <b>needed</b>"));
        assertThat(html).contains("Hello Alex Anders,")
                .contains("Bus stops &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;shelters&quot;")
                .contains("Not &lt;b&gt;needed&lt;/b&gt;")
                .contains("href=\"https://data.city.example/requests/DR-2026-0042\"")
                .doesNotContain("<script>").doesNotContain("<b>needed");
    }

    @Test
    void aStatusEmailWithoutAReasonLeavesTheReasonOut() {
        assertThat(templates.render("status-changed.txt", statusEmail(null))).doesNotContain("The reason given");
        assertThat(templates.render("status-changed.html", statusEmail(null))).doesNotContain("The reason given");
    }
}
