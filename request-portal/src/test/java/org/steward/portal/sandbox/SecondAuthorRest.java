package org.steward.portal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The engine's REST API as an admin's script drives it (HTTP Basic admin/demo, no cookie): JSON calls, deployments,
 * and multipart uploads with the parts and content types chosen by the caller.
 */
final class SecondAuthorRest {

    /** One part of a multipart body: its name, an optional file name, its content type and bytes. */
    record Part(String name, String filename, String contentType, byte[] content) {

        static Part text(String name, String value) {
            return new Part(name, null, "text/plain", value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String filename, String contentType, String content) {
            return new Part(name, filename, contentType, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The status and body of one answer; the body as JSON when it is JSON. */
    record Reply(int status, JsonNode body, String text) {
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final String endpoint;

    SecondAuthorRest(int port, ObjectMapper json) {
        this.endpoint = "http://localhost:" + port + "/engine-rest";
        this.json = json;
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    /** A GET that takes any kind of answer (a rendered form is HTML). */
    Reply getAny(String path) throws Exception {
        return send(request(path).setHeader("accept", "*/*").GET().build());
    }

    Reply post(String path, Object body) throws Exception {
        return send(request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    Reply put(String path, Object body) throws Exception {
        return send(request(path).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    Reply delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    /** Deploys the files (name to text) as one deployment, the way any REST client can. */
    Reply deploy(String deploymentName, Map<String, String> files) throws Exception {
        List<Part> parts = new java.util.ArrayList<>();
        parts.add(Part.text("deployment-name", deploymentName));
        files.forEach((name, text) -> parts.add(Part.file(name, name, "text/xml", text)));
        return multipart("/deployment/create", parts);
    }

    Reply multipart(String path, List<Part> parts) throws Exception {
        String boundary = "----SecondAuthorBoundary" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"")
                    + "\r\nContent-Type: " + part.contentType() + "\r\n\r\n");
            body.writeBytes(part.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request(path).header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint + path)).header("accept", "application/json")
                .header("authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? json.nullNode() : json.readTree(text);
        } catch (Exception notJson) {
            node = json.getNodeFactory().textNode(text);
        }
        return new Reply(response.statusCode(), node, text);
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
