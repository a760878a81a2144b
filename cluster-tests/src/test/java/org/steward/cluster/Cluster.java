package org.steward.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The two nodes as the proxy in front of them offers them: each call goes to the next node that is up, in turn, and a
 * call that a node did not answer (it died, or was killed) goes to the other one, as the proxy retries it.
 */
final class Cluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node's answer: status and JSON body (null when empty or not JSON). */
    record Answer(int status, JsonNode body, String text, String node) {
    }

    /** A call that died with its node: it may or may not have been done. */
    static final class Unanswered extends IOException {
        Unanswered(String what, IOException cause) {
            super(what + ": no answer (" + cause + ")", cause);
        }
    }

    private final List<StewardNode> nodes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger failedOver = new AtomicInteger();

    Cluster(List<StewardNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** How many calls went to the other node because the first did not answer. */
    int failedOver() {
        return failedOver.get();
    }

    Answer get(String user, String path) throws Exception {
        return call(user, "GET", path, null, any -> true);
    }

    /**
     * A POST; when the node chosen does not answer, {@code retry} says whether to send it to the other node (a
     * caller first checks whether the first try was done).
     */
    Answer post(String user, String path, Object body, Predicate<Unanswered> retry) throws Exception {
        return call(user, "POST", path, body, retry);
    }

    private Answer call(String user, String method, String path, Object body, Predicate<Unanswered> retry)
            throws Exception {
        Unanswered last = null;
        for (int tries = 0; tries < 20; tries++) {
            StewardNode node = next();
            if (node == null) {
                Thread.sleep(250);
                continue;
            }
            try {
                return send(node, user, method, path, body);
            } catch (IOException noAnswer) {
                last = new Unanswered(method + " " + path + " on node " + node.name(), noAnswer);
                if (!retry.test(last)) {
                    throw last;
                }
                failedOver.incrementAndGet();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("No node answered " + method + " " + path, last);
    }

    private StewardNode next() {
        for (int i = 0; i < nodes.size(); i++) {
            StewardNode node = nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
            if (node.up()) {
                return node;
            }
        }
        return null;
    }

    static Answer send(HttpClient http, StewardNode node, String user, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.base().resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return answer(response, node);
    }

    private Answer send(StewardNode node, String user, String method, String path, Object body)
            throws IOException, InterruptedException {
        return send(http, node, user, method, path, body);
    }

    static Answer answer(HttpResponse<String> response, StewardNode node) {
        JsonNode json = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                json = JSON.readTree(text);
            } catch (IOException notJson) {
                json = null;
            }
        }
        return new Answer(response.statusCode(), json, text, node.name());
    }
}
