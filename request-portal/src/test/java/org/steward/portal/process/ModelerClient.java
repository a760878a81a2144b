package org.steward.portal.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The Camunda Modeler's side of "Deploy": the calls it makes against {@code <base>/engine-rest}, with the field
 * names, headers and multipart layout its deployment tool sends (a browser FormData: deployment-name,
 * deployment-source "Camunda Modeler", deploy-changed-only "true", then the diagram as a file part named after itself,
 * of type text/xml), and the answer as the Modeler reads it.
 */
public final class ModelerClient {

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final String endpoint;

    public ModelerClient(int port, ObjectMapper json) {
        this.endpoint = "http://localhost:" + port + "/engine-rest";
        this.json = json;
    }

    /** The status and JSON body of one answer. */
    public record Answer(int status, JsonNode body) {

        /** What the Modeler shows of a failed deployment: the body's message. */
        public String message() {
            return body.path("message").asText();
        }
    }

    public Answer get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("accept", "application/json");
        if (user != null) {
            request.header("authorization", basic(user, password));
        }
        return answer(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Deploys one diagram (and any further files) as the Modeler's Deploy button does. */
    public Answer deploy(String deploymentName, String user, String password, Map<String, byte[]> files) throws Exception {
        return deployAs(basic(user, password), deploymentName, files);
    }

    /** Deploys as above, with the Authorization header given (a bearer token, say). */
    public Answer deployAs(String authorization, String deploymentName, Map<String, byte[]> files) throws Exception {
        String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "deployment-name", deploymentName);
        field(body, boundary, "deployment-source", "Camunda Modeler");
        field(body, boundary, "deploy-changed-only", "true");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                    + "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: text/xml\r\n\r\n");
            body.write(file.getValue());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/deployment/create"))
                .header("accept", "application/json")
                .header("authorization", authorization)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Answer answer(HttpResponse<String> response) throws Exception {
        String text = response.body();
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? json.nullNode() : json.readTree(text);
        } catch (Exception notJson) {
            node = json.getNodeFactory().textNode(text);
        }
        return new Answer(response.statusCode(), node);
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
