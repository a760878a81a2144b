package org.steward.benchmarks.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated person talking to Steward: one HttpClient with its own cookies, HTTP Basic on the API (keeping
 * whatever session cookie comes back, as a real client does) and a form login for the web pages.
 */
final class StewardClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** One answer: status, body and how long it took. */
    record Answer(int status, String body, double millis) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + abbreviate(body), e);
            }
        }
    }

    final String user;
    private final String password;
    private final URI base;
    private final String basic;
    private final HttpClient http;

    StewardClient(URI base, String user, String password) {
        this.user = user;
        this.password = password;
        this.base = base;
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    StewardClient(URI base, String user) {
        this(base, user, "demo");
    }

    /** Logs in through the form, as a browser does; the session cookie then serves every page. */
    void login() throws IOException, InterruptedException {
        Answer page = send(HttpRequest.newBuilder(base.resolve("/login")).GET());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on /login (" + page.status() + ")");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException(user + " could not log in: " + answer.statusCode() + " " + location);
        }
    }

    /** A web page, with the session of {@link #login()}. */
    Answer page(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(api(path).GET());
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send(api(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer put(String path, Object body) throws IOException, InterruptedException {
        return send(api(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Like {@link #get} but fails unless the answer is 2xx. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        Answer answer = get(path);
        if (!answer.ok()) {
            throw new IllegalStateException(user + " GET " + path + " -> " + answer.status() + " "
                    + abbreviate(answer.body()));
        }
        return answer.json();
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", basic)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(120));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body(), (System.nanoTime() - start) / 1e6);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
