package org.steward.portal.mail;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser that was never logged in, as a person opens a link from their email: its own cookies (so its own session
 * and CSRF token), over the real port, following no redirects.
 */
final class LinkBrowser {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** A page as the browser got it. */
    record Page(int status, Document document) {

        String h1() {
            return document.select("h1").text();
        }

        /** The box that says why a link cannot be used. */
        String why() {
            return document.select("#why").text();
        }

        /** The CSRF token of the confirm form; empty when the page has no form. */
        String csrf() {
            return document.select("#confirm-form input[name=_csrf]").val();
        }

        boolean hasConfirmButton() {
            return !document.select("#confirm").isEmpty();
        }

        String main() {
            return document.select("main").text();
        }
    }

    Page open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /**
     * A CSRF token of this browser's session, as a person would have it from the confirm page they opened: from the
     * link's own page while it can be confirmed, else from the login page (a dead link's page has no form).
     */
    String csrfFor(String url) {
        String token = open(url).csrf();
        if (!token.isEmpty()) {
            return token;
        }
        String login = URI.create(url).resolve("/login").toString();
        token = open(login).document().select("input[name=_csrf]").val();
        if (token.isEmpty()) {
            throw new AssertionError("No CSRF token on " + login);
        }
        return token;
    }

    /** Presses the confirm button of a link's page, with the comment typed (none when null). */
    Page confirm(String url, String comment) {
        return post(url, csrfFor(url), comment);
    }

    /** Posts the confirm form with a token the browser already holds: two browsers can then post at one moment. */
    Page post(String url, String csrf, String comment) {
        String form = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                + (comment == null ? "" : "&comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), Jsoup.parse(response.body()));
        } catch (IOException e) {
            throw new AssertionError("The portal did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
