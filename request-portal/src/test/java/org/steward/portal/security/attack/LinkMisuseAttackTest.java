package org.steward.portal.security.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.portal.mail.Mails;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * An outsider's attempts with emailed links: a partner's signing link kept after its agreement was replaced, a
 * steward's action link after another steward took the task, and one action link pressed from several windows while
 * its owner decides on the API: nothing is signed or decided that should not be, one decision at most, no 500.
 */
class LinkMisuseAttackTest extends IntegrationTest {

    private static final String PARTNER = "olga.oldlink@riverside.example.org";
    private static final Pattern SIGN_LINK = Pattern.compile("(https?://\\S+/sign/\\S+)");

    @Autowired
    private PeopleService people;

    @Test
    void aPartnersSigningLinkKeptAfterTheAgreementWasReplaced_signsNeitherTheOldNorTheNewVersion() throws Exception {
        Map<String, Object> body = requestBody("Work orders, an old signing link", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Oldlink University",
                "signatoryName", "Olga Oldlink", "signatoryEmail", PARTNER));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        approveReviews(reference);
        JsonNode first = agreement("alex", reference);
        String number = first.get("number").asText();
        URI oldLink = signLinks(number, 1).get(0);

        HttpClient partner = browser();
        Document oldPage = Jsoup.parse(send(partner, HttpRequest.newBuilder(oldLink).GET()).body());
        String csrf = oldPage.select("#sign-form input[name=_csrf]").val();
        assertThat(csrf).as("the link works before the replacement").isNotEmpty();

        // The city's signatory asks for changes: the version the link was for is gone.
        assertThat(complete("wes", taskAssignedTo(reference, "wes"), "changes",
                Map.of("reason", "Name the work types")).status()).isEqualTo(204);
        runJobs();
        HttpResponse<String> onTheWithdrawnVersion = signWith(partner, oldLink, csrf, first.get("sha256").asText());
        assertRefused(onTheWithdrawnVersion);

        // A second version goes out with a new link; the old one must not sign it, even with the new text's hash.
        Map<String, Object> revision = new java.util.HashMap<>(body);
        revision.put("datasets", List.of(Map.of("code", "PW-WORK-ORDERS", "elements", List.of("work_type"))));
        assertThat(put("alex", "/api/requests/" + reference, revision).status()).isEqualTo(200);
        assertThat(decide("alex", taskAssignedTo(reference, "alex"), "resubmit", null).status()).isEqualTo(204);
        runJobs();
        approveReviews(reference);
        JsonNode second = agreement("alex", reference);
        assertThat(second.get("version").asInt()).isEqualTo(2);
        List<URI> links = signLinks(number, 2);
        URI newLink = links.get(links.size() - 1);
        assertThat(newLink).isNotEqualTo(oldLink);

        String freshCsrf = csrfOf(partner, oldLink);
        assertRefused(signWith(partner, oldLink, freshCsrf, second.get("sha256").asText()));
        assertRefused(signWith(partner, oldLink, freshCsrf, first.get("sha256").asText()));
        assertThat(agreement("alex", reference).get("signatures")).isEmpty();
        assertThat(timeline(reference)).noneMatch(line -> line.startsWith("partner:"));

        // The new link still works: the refusals were about the old link, not a broken state.
        HttpClient fresh = browser();
        Document newPage = Jsoup.parse(send(fresh, HttpRequest.newBuilder(newLink).GET()).body());
        HttpResponse<String> signed = signWith(fresh, newLink, newPage.select("#sign-form input[name=_csrf]").val(),
                newPage.select("#sign-form input[name=documentHash]").val());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(agreement("alex", reference).get("signatures")).hasSize(1);
    }

    @Test
    void samsLinkAfterWesTookTheTask_decidesNothing() throws Exception {
        Person admin = people.find("admin").orElseThrow();
        people.addMembership(admin, "wes", "stewards-pw");
        try {
            String reference = submit("Work orders, taken by the other steward", "PW-WORK-ORDERS");
            String approve = samsLink(reference, "Approve");
            HttpClient sam = browser();
            String csrf = csrfOf(sam, URI.create(approve));
            String taskId = taskFor(reference, "stewards-pw");

            int claimed = mvc.perform(MockMvcRequestBuilders.post("/tasks/" + taskId + "/claim")
                    .with(httpBasic("wes", "demo")).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(claimed).isEqualTo(302);
            assertThat(waitingOn(reference)).contains("approveAsSteward -> wes");

            HttpResponse<String> confirmed = postLink(sam, approve, csrf);
            assertThat(confirmed.statusCode()).as(confirmed.body()).isIn(403, 409, 410);
            assertThat(waitingOn(reference)).contains("approveAsSteward -> wes");
            assertThat(currentTasks(reference).findValuesAsText("id")).containsExactly(taskId);
            assertThat(timeline(reference)).noneMatch(line -> line.contains(":approveAsSteward:"));
        } finally {
            people.removeMembership(admin, "wes", "stewards-pw");
        }
    }

    @Test
    void oneLinkFromThreeWindowsWhileItsOwnerDecidesOnTheApi_oneDecision_noServerError() throws Exception {
        String reference = submit("Work orders, pressed everywhere at once", "PW-WORK-ORDERS");
        String approve = samsLink(reference, "Approve");
        String taskId = taskFor(reference, "stewards-pw");
        List<HttpClient> windows = List.of(browser(), browser(), browser());
        List<String> tokens = new ArrayList<>();
        for (HttpClient window : windows) {
            tokens.add(csrfOf(window, URI.create(approve)));
        }
        CyclicBarrier together = new CyclicBarrier(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpClient window = windows.get(i);
                String token = tokens.get(i);
                answers.add(threads.submit((Callable<String>) () -> {
                    together.await(10, TimeUnit.SECONDS);
                    HttpResponse<String> page = postLink(window, approve, token);
                    return "link " + page.statusCode() + " " + Jsoup.parse(page.body()).select("h1").text();
                }));
            }
            answers.add(threads.submit((Callable<String>) () -> {
                together.await(10, TimeUnit.SECONDS);
                return "api " + decide("sam", taskId, "approve", "From the API").status();
            }));
            List<String> outcomes = new ArrayList<>();
            for (Future<String> answer : answers) {
                outcomes.add(answer.get(90, TimeUnit.SECONDS));
            }
            assertThat(outcomes).as(outcomes.toString()).noneMatch(o -> o.matches("\\w+ 5\\d\\d.*"));
            assertThat(outcomes).as(outcomes.toString())
                    .filteredOn(o -> o.equals("api 204") || o.equals("link 200 Done")).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(timeline(reference)).filteredOn(line -> line.contains(":approveAsSteward:")).hasSize(1);
    }

    /** Approves whatever review waits (steward, then privacy) until the request waits for signatures. */
    private void approveReviews(String reference) {
        for (int round = 0; round < 5; round++) {
            List<String> waiting = waitingOn(reference);
            if (waiting.stream().anyMatch(w -> w.startsWith("signAgreement"))) {
                return;
            }
            if (waiting.contains("approveAsSteward -> stewards-pw")) {
                assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
            } else if (waiting.stream().anyMatch(w -> w.endsWith("privacy-office"))) {
                assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers())
                        .status()).isEqualTo(204);
            } else {
                throw new AssertionError("Unexpected wait: " + waiting);
            }
            runJobs();
        }
        throw new AssertionError("Never reached signing: " + waitingOn(reference));
    }

    private static List<URI> signLinks(String number, int count) {
        List<URI> links = new ArrayList<>();
        for (Mails.Mail mail : Mails.await(count, m -> m.isTo(PARTNER) && m.subject().contains(number))) {
            Matcher link = SIGN_LINK.matcher(mail.text());
            assertThat(link.find()).isTrue();
            links.add(URI.create(link.group(1)));
        }
        return links;
    }

    private static String samsLink(String reference, String label) {
        return Mails.await(1, m -> m.isTo("sam@example.org") && m.subject().startsWith("Waiting for you")
                && m.subject().contains(reference)).get(0).actions().get(label);
    }

    private void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403, 404, 409, 410);
        assertThat(Jsoup.parse(answer.body()).select("h1").text()).isNotEqualTo("Signed. Thank you.");
    }

    /** A CSRF token of this browser's session: from the link's page while it has a form, else from the login page. */
    private String csrfOf(HttpClient browser, URI url) throws Exception {
        Document page = Jsoup.parse(send(browser, HttpRequest.newBuilder(url).GET()).body());
        String token = page.select("form input[name=_csrf]").val();
        if (token.isEmpty()) {
            token = Jsoup.parse(send(browser, HttpRequest.newBuilder(url.resolve("/login")).GET()).body())
                    .select("input[name=_csrf]").val();
        }
        assertThat(token).isNotEmpty();
        return token;
    }

    private static HttpResponse<String> signWith(HttpClient browser, URI link, String csrf, String hash)
            throws Exception {
        String form = "_csrf=" + enc(csrf) + "&documentHash=" + enc(hash) + "&typedName=" + enc("Olga Oldlink")
                + "&consent=true";
        return send(browser, HttpRequest.newBuilder(link).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> postLink(HttpClient browser, String link, String csrf) throws Exception {
        return send(browser, HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf))));
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) throws Exception {
        return browser.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
