package org.steward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
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
@AutoConfigureMockMvc
public abstract class IntegrationTest {

    /** Pages and forms through the whole stack (security, CSRF, templates), without a browser. */
    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    private ManagementService management;

    @LocalServerPort
    protected int port;

    /** Every email goes to the test JVM's own SMTP server. */
    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", TestMailServer::port);
    }

    /** A response as the client sees it: status code and JSON body. */
    public record Answer(int status, JsonNode body, HttpHeaders headers) {
    }

    protected Answer call(String user, HttpMethod method, String path, Object body) {
        return call(user, method, path, body, Map.of());
    }

    /** As above, with headers of the client's own (a User-Agent, say). */
    protected Answer call(String user, HttpMethod method, String path, Object body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        extraHeaders.forEach(headers::set);
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
    public static Map<String, Object> requestBody(String title, String... datasetCodes) {
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

    /**
     * Every item of a paged list of the API ({@code /api/requests}, {@code /api/tasks}, with the path's own filters),
     * read page after page as a client would, so that a test sees the whole list however long the shared database
     * made it.
     */
    protected List<JsonNode> everyItem(String user, String path) {
        List<JsonNode> items = new ArrayList<>();
        String joiner = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            Answer answer = get(user, path + joiner + "size=200&page=" + page);
            if (answer.status() != 200) {
                throw new AssertionError("GET " + path + " as " + user + ": " + answer.status() + " " + answer.body());
            }
            answer.body().get("items").forEach(items::add);
            if ((long) (page + 1) * 200 >= answer.body().get("total").asLong()) {
                return items;
            }
        }
    }

    /** How many items a paged list of the API holds in all. */
    protected long total(String user, String path) {
        return get(user, path).body().get("total").asLong();
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

    /** Completes a task with the decision and the form fields given (no comment). */
    protected Answer complete(String user, String taskId, String decision, Map<String, Object> fields) {
        return complete(user, taskId, decision, null, fields);
    }

    /** Completes a task with a decision, a comment and form fields, as a client posts them. */
    protected Answer complete(String user, String taskId, String decision, String comment,
            Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        body.put("fields", fields);
        return post(user, "/api/tasks/" + taskId + "/complete", body);
    }

    /** The open tasks of a request, as its requester sees them. */
    protected JsonNode currentTasks(String reference) {
        return request("alex", reference).get("currentTasks");
    }

    /**
     * What a request waits on and for whom, as "taskDefinitionKey -> assignee" or "taskDefinitionKey -> group",
     * one line per open task, sorted.
     */
    protected List<String> waitingOn(String reference) {
        List<String> lines = new ArrayList<>();
        for (JsonNode task : currentTasks(reference)) {
            String key = task.get("taskDefinitionKey").asText();
            if (task.hasNonNull("assignee")) {
                lines.add(key + " -> " + task.get("assignee").asText());
            }
            task.get("candidateGroups").forEach(group -> lines.add(key + " -> " + group.asText()));
        }
        lines.sort(null);
        return lines;
    }

    /** The task definition keys of the request's tasks listed in the person's own GET /api/tasks. */
    protected List<String> tasksListedFor(String user, String reference) {
        Answer answer = get(user, "/api/tasks?request=" + reference);
        if (answer.status() != 200) {
            throw new AssertionError("Tasks of " + user + ": " + answer.status() + " " + answer.body());
        }
        return answer.body().findValuesAsText("taskDefinitionKey");
    }

    /** The id of the open task of a request that is assigned to the given person. */
    protected String taskAssignedTo(String reference, String user) {
        for (JsonNode task : currentTasks(reference)) {
            if (task.hasNonNull("assignee") && task.get("assignee").asText().equals(user)) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError("Request " + reference + " has no open task assigned to " + user + ": "
                + currentTasks(reference));
    }

    /** The request's current agreement as the given person reads it. */
    protected JsonNode agreement(String user, String reference) {
        Answer answer = get(user, "/api/requests/" + reference + "/agreement");
        if (answer.status() != 200) {
            throw new AssertionError("Agreement of " + reference + " for " + user + ": " + answer.status() + " "
                    + answer.body());
        }
        return answer.body();
    }

    /** The signing form as a signatory fills it in: full name, consent, and the hash of the text they read. */
    protected static Map<String, Object> signature(String typedName, String documentHash) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("typedName", typedName);
        fields.put("consent", true);
        fields.put("documentHash", documentHash);
        return fields;
    }

    /** The signatory reads the current agreement and signs their task with its hash; answers the completion. */
    protected Answer sign(String user, String taskId, String typedName, String reference) {
        return complete(user, taskId, "sign", signature(typedName, agreement(user, reference).get("sha256").asText()));
    }

    /**
     * Finance's utility accounts for Community Development, the longest default route: approved by Finance's steward
     * and the privacy office, signed by both directors, delivered by Finance's custodian; answers the reference.
     */
    protected String deliveredFinanceRequest(String title) {
        String reference = submit(title, "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(sign("frank", taskAssignedTo(reference, "frank"), "Frank Theodore Franklin", reference).status())
                .isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Quinn Dalton", reference).status())
                .isEqualTo(204);
        runJobs();
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        return reference;
    }

    /** The SHA-256 of a text's UTF-8 bytes in lowercase hex, as anyone can check an agreement's hash. */
    protected static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The privacy threshold questions of the privacy review, answered. */
    protected static Map<String, Object> privacyAnswers() {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("personalData", "Service addresses and account types of households; no owner names");
        answers.put("leavesCity", false);
        answers.put("identifiersRemovable", true);
        answers.put("legalAuthority", "City charter, planning authority");
        answers.put("retentionAcceptable", true);
        answers.put("fullAssessmentNeeded", false);
        return answers;
    }

    /** An agreement's parties as "ROLE name: signatory key (signatory's name)". */
    protected static List<String> parties(JsonNode agreement) {
        List<String> parties = new ArrayList<>();
        for (JsonNode party : agreement.get("parties")) {
            parties.add(party.get("role").asText() + " " + party.get("name").asText() + ": "
                    + party.get("signatory").asText() + " (" + party.get("signatoryName").asText() + ")");
        }
        return parties;
    }

    /**
     * The decisions taken on a request's tasks, in the order they were taken, as "actor:step:outcome:channel";
     * without the requester's own steps (submitted, revised, withdrawn), whose place among decisions taken in the
     * same second the history does not keep on MariaDB (see RequestHistoryTest).
     */
    protected List<String> decisionsInOrder(String reference) {
        return timeline(reference).stream().filter(line -> !line.matches("[^:]*:(submitted|revised|withdrawn):.*"))
                .toList();
    }

    /** Who did what on a request, as "actor:step:outcome:channel" lines in the order the history shows them. */
    protected List<String> timeline(String reference) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : request("alex", reference).get("history")) {
            lines.add(entry.get("actor").asText() + ":" + entry.get("step").asText() + ":"
                    + entry.get("outcome").asText() + ":" + entry.get("channel").asText());
        }
        return lines;
    }
}
