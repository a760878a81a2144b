package org.steward.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The base of every integration test: the whole application on a real port, one Spring context for all, and
 * the API driven over HTTP as a client would. Jobs run only when a test runs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    private ManagementService management;

    @LocalServerPort
    protected int port;

    /** A response as the client sees it: status code and JSON body. */
    public record Answer(int status, JsonNode body, HttpHeaders headers) {
    }

    protected Answer call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (user != null) {
            headers.setBasicAuth(user, "demo");
        }
        String payload;
        try {
            payload = body == null ? null : body instanceof String text ? text : json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ResponseEntity<String> response = http.exchange(path, method, new HttpEntity<>(payload, headers), String.class);
        try {
            JsonNode node = response.getBody() == null || response.getBody().isBlank() ? json.nullNode()
                    : json.readTree(response.getBody());
            return new Answer(response.getStatusCode().value(), node, response.getHeaders());
        } catch (Exception notJson) {
            return new Answer(response.getStatusCode().value(), json.getNodeFactory().textNode(response.getBody()),
                    response.getHeaders());
        }
    }

    protected Answer get(String user, String path) {
        return call(user, HttpMethod.GET, path, null);
    }

    protected Answer post(String user, String path, Object body) {
        return call(user, HttpMethod.POST, path, body);
    }

    protected Answer put(String user, String path, Object body) {
        return call(user, HttpMethod.PUT, path, body);
    }

    /**
     * Runs every due job (the asynchronous continuations the engine left), as the job executor would: one at a
     * time, asking again after each, since a job may create or delete others (a rejection deletes the jobs of the
     * other departments' decisions).
     */
    protected int runJobs() {
        for (int ran = 0; ran < 200; ran++) {
            List<Job> due = management.createJobQuery().executable().listPage(0, 1);
            if (due.isEmpty()) {
                return ran;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs keep coming after 200 runs: a loop in a model?");
    }

    /** The demo request of PRODUCT.md, with the datasets given; each a map the test may change. */
    protected static Map<String, Object> requestBody(String title, String... datasetCodes) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (String code : datasetCodes) {
            datasets.add(Map.of("code", code, "elements", List.of()));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("purpose", "Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        body.put("legalBasis", "City charter, planning authority");
        body.put("datasets", datasets);
        body.put("recipient", Map.of("type", "INTERNAL", "department", "CD"));
        body.put("frequency", "ONE_TIME");
        body.put("deliveryMethod", "Encrypted file transfer");
        body.put("retention", "Deleted 12 months after delivery");
        body.put("securityControls", "Stored on the planning file share, access limited to two analysts");
        body.put("startDate", java.time.LocalDate.now().plusDays(30).toString());
        body.put("endDate", java.time.LocalDate.now().plusDays(395).toString());
        return body;
    }

    /** Submits a request as alex and answers its reference. */
    protected String submit(String title, String... datasetCodes) {
        Answer answer = post("alex", "/api/requests", requestBody(title, datasetCodes));
        if (answer.status() != 201) {
            throw new AssertionError("Submission refused: " + answer.status() + " " + answer.body());
        }
        return answer.body().get("reference").asText();
    }

    /** The id of the open task of a request that waits for the given group. */
    protected String taskFor(String reference, String group) {
        for (JsonNode task : get("alex", "/api/requests/" + reference).body().get("currentTasks")) {
            for (JsonNode candidate : task.get("candidateGroups")) {
                if (candidate.asText().equals(group)) {
                    return task.get("id").asText();
                }
            }
        }
        throw new AssertionError("Request " + reference + " has no open task for " + group);
    }

    protected JsonNode request(String user, String reference) {
        return get(user, "/api/requests/" + reference).body();
    }

    protected Answer decide(String user, String taskId, String decision, String comment) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        return post(user, "/api/tasks/" + taskId + "/complete", body);
    }
}
