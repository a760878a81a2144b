package org.steward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One simulated person at Steward's API, as a real client is: one HTTP client that keeps the cookies the server
 * sets (so a session, once made, is used again) and sends its HTTP Basic credentials with every call.
 */
final class ApiPerson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and JSON body (null when empty or not JSON). */
    record Answer(int status, JsonNode body, String text) {
    }

    private final String user;
    private final URI base;
    private final String authorization;
    private final HttpClient client;

    ApiPerson(String user, URI base) {
        this.user = user;
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                .getBytes(StandardCharsets.UTF_8));
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String user() {
        return user;
    }

    Answer get(String path, String kind, CallStats stats) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), kind, stats, "GET " + path);
    }

    Answer post(String path, Object body, String kind, CallStats stats) throws IOException, InterruptedException {
        String json = JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), kind, stats, "POST " + path);
    }

    private Answer send(HttpRequest.Builder request, String kind, CallStats stats, String what)
            throws IOException, InterruptedException {
        request.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120));
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        stats.record(kind, System.nanoTime() - start);
        String text = response.body();
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException notJson) {
                body = null;
            }
        }
        if (response.statusCode() >= 500) {
            stats.serverError(user + " " + what + " answered " + response.statusCode() + ": " + abbreviate(text));
        }
        return new Answer(response.statusCode(), body, text);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
