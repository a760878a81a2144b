package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;
import org.steward.portal.mail.Mails;

/**
 * Two posts of one partner signing link at the same moment, from two windows: one signs and is thanked, the other is
 * told the link was already used, by whom and when; one signature is kept, and nobody sees an error.
 */
class PartnerSigningRaceTest extends IntegrationTest {

    private static final String PARTNER_EMAIL = "rosa.race@riverside.example.org";
    private static final Pattern SIGN_LINK = Pattern.compile("(https?://\\S+/sign/\\S+)");

    @Test
    void twoPostsOfOneSigningLinkAtOnce_oneSigns_theOtherIsToldItWasSigned() throws Exception {
        Map<String, Object> body = requestBody("Work orders for the signing race", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Riverside Racing Club",
                "signatoryName", "Rosa Race", "signatoryEmail", PARTNER_EMAIL));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        String number = agreement("alex", reference).get("number").asText();
        Matcher link = SIGN_LINK.matcher(Mails.awaitOne(PARTNER_EMAIL, number).text());
        assertThat(link.find()).isTrue();
        URI signUrl = URI.create(link.group(1));

        // Two windows, each with the signing page open.
        List<HttpClient> windows = List.of(window(), window());
        List<Document> pages = new ArrayList<>();
        for (HttpClient window : windows) {
            pages.add(Jsoup.parse(window.send(HttpRequest.newBuilder(signUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        }

        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HttpClient window = windows.get(i);
                HttpRequest signing = signing(signUrl, pages.get(i), "Rosa Race");
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return window.send(signing, HttpResponse.BodyHandlers.ofString());
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> headings = new ArrayList<>();
            String told = null;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                Document page = Jsoup.parse(response.body());
                headings.add(page.select("h1").text());
                if (!page.select("#already-signed").isEmpty()) {
                    told = page.select("#already-signed").text();
                }
            }

            assertThat(statuses).containsExactlyInAnyOrder(200, 410);
            assertThat(headings).containsExactlyInAnyOrder("Signed. Thank you.", "This link cannot be used");
            assertThat(told).startsWith("This link was already used to sign by Rosa Race on ")
                    .endsWith("Each signing link works once; nothing more was recorded.");
        } finally {
            threads.shutdownNow();
        }
        JsonNode signatures = agreement("alex", reference).get("signatures");
        assertThat(signatures).hasSize(1);
        assertThat(signatures.get(0).get("typedName").asText()).isEqualTo("Rosa Race");
    }

    private static HttpClient window() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpRequest signing(URI uri, Document page, String name) {
        String data = "_csrf=" + enc(page.select("#sign-form input[name=_csrf]").val()) + "&documentHash="
                + enc(page.select("#sign-form input[name=documentHash]").val()) + "&typedName=" + enc(name)
                + "&consent=true";
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(data)).build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
