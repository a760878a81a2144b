package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/** A data steward decides from the email: the link opens a confirm page, confirming moves the request on. */
class ActionLinkJourneyTest extends IntegrationTest {

    @Test
    void aStewardApprovesFromTheEmail_andTheRequestMovesToItsNextStep() throws Exception {
        String reference = submit("Work orders for the pothole study", "PW-WORK-ORDERS");
        Mails.Mail mail = Mails.awaitOne("sam@example.org", reference);
        assertThat(mail.subject()).isEqualTo("Waiting for you: Approve as data steward on " + reference);
        Map<String, String> actions = mail.actions();
        assertThat(actions).containsOnlyKeys("Approve", "Reject", "Ask for changes");

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create(actions.get("Approve"))).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(opened.body());
        assertThat(page.select("h1").text()).isEqualTo("Confirm your decision");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");

        String csrf = page.select("#confirm-form input[name=_csrf]").val();
        HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(URI.create(actions.get("Approve")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                        + "&comment=" + URLEncoder.encode("Fine from my phone", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        Document done = Jsoup.parse(confirmed.body());
        assertThat(done.select("h1").text()).isEqualTo("Done");
        assertThat(done.select("#outcome").text()).contains("Approve", "Approve as data steward", reference);
        assertThat(timeline(reference)).contains("sam:approveAsSteward:approve:email");
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");

        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(URI.create(actions.get("Approve"))).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(410);
        Document used = Jsoup.parse(again.body());
        assertThat(used.select("#why").text()).contains("already used");
        assertThat(used.select("#next-status").text()).contains("Waiting for signatures");
    }
}
