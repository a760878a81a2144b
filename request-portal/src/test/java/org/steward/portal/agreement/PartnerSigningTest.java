package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;
import org.steward.portal.mail.Mails;

/**
 * An outside party's signatory has no account: they get a signing link by email, read the exact text, type their
 * name and consent; their evidence is recorded as anyone's, and the link works once.
 */
class PartnerSigningTest extends IntegrationTest {

    private static final String PARTNER_EMAIL = "rita.rivers@riverside.example.org";
    private static final String BROWSER = "PartnerSigningTest/1.0 (the partner's browser)";
    private static final Pattern SIGN_LINK = Pattern.compile("(https?://\\S+/sign/\\S+)");

    @Test
    void thePartnersSignatorySignsFromTheEmailedLink_withEvidence_once() throws Exception {
        Map<String, Object> body = requestBody("Work orders for the Riverside flood study", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Riverside University",
                "signatoryName", "Rita Rivers", "signatoryEmail", PARTNER_EMAIL));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        JsonNode agreement = agreement("alex", reference);

        Mails.Mail mail = Mails.awaitOne(PARTNER_EMAIL, agreement.get("number").asText());
        assertThat(mail.subject()).isEqualTo("Please sign data-sharing agreement " + agreement.get("number").asText()
                + " for Riverside University");
        assertThat(mail.text()).startsWith("Hello Rita Rivers,").contains("You do not need an account");
        assertThat(mail.actions()).as("no decision links: signing needs the form").isEmpty();
        Matcher link = SIGN_LINK.matcher(mail.text());
        assertThat(link.find()).isTrue();
        URI signUrl = URI.create(link.group(1));

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> opened = get(browser, signUrl);
        assertThat(opened.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(opened.body());
        assertThat(page.select("h1").text()).isEqualTo("Sign the data-sharing agreement");
        assertThat(page.selectFirst(".agreement-text").text())
                .isEqualTo(Jsoup.parse(agreement.get("text").asText()).body().text());
        assertThat(page.select("input[name=documentHash]").val()).isEqualTo(agreement.get("sha256").asText());

        HttpResponse<String> noName = post(browser, signUrl, page, "", false);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(noName.body()).select("#problem").text()).contains("Type your full name")
                .contains("Tick the box");
        assertThat(agreement("alex", reference).get("signatures")).isEmpty();

        HttpResponse<String> signed = post(browser, signUrl, Jsoup.parse(noName.body()), "Rita Rivers", true);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(signed.body()).select("h1").text()).isEqualTo("Signed. Thank you.");
        runJobs();

        JsonNode recorded = agreement("alex", reference).get("signatures").get(0);
        assertThat(recorded.get("signer").asText()).isEqualTo("partner:" + PARTNER_EMAIL);
        assertThat(recorded.get("party").asText()).isEqualTo("Riverside University (receives the data)");
        assertThat(recorded.get("typedName").asText()).isEqualTo("Rita Rivers");
        assertThat(recorded.get("userAgent").asText()).isEqualTo(BROWSER);
        assertThat(recorded.get("ip").asText()).isNotBlank();
        assertThat(recorded.get("sha256").asText()).isEqualTo(agreement.get("sha256").asText());
        assertThat(timeline(reference)).contains("partner:" + PARTNER_EMAIL + ":signAgreement:sign:email");
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> wes");

        HttpResponse<String> again = get(browser, signUrl);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(Jsoup.parse(again.body()).select("#why").text()).contains("already used");
        HttpResponse<String> forged = get(browser, URI.create(signUrl.toString().replaceAll("/sign/.*$",
                "/sign/not-a-real-signing-token")));
        assertThat(forged.statusCode()).isEqualTo(404);

        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("User-Agent", BROWSER).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient browser, URI uri, Document form, String name, boolean consent)
            throws Exception {
        String data = "_csrf=" + enc(form.select("#sign-form input[name=_csrf]").val()) + "&documentHash="
                + enc(form.select("#sign-form input[name=documentHash]").val()) + "&typedName=" + enc(name)
                + (consent ? "&consent=true" : "");
        return browser.send(HttpRequest.newBuilder(uri).header("User-Agent", BROWSER)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
