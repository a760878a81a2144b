package org.steward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The longest default route through Steward's REST API, as the people of the demo city take it: alex asks for
 * Finance's utility accounts (personal data: privacy review and an agreement), fiona approves as Finance's
 * steward, pat approves for the privacy office, frank (Finance) and dana (Community Development) sign, frank
 * delivers as Finance's custodian; it ends when the request is IN_FORCE.
 */
final class ApiLifecycle implements LifecycleClient {

    /** Between two looks for the next task: short, so that the wait measured is Steward's, not ours. */
    static final long POLL_MILLIS = 20;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final ApiPerson alex;
    private final ApiPerson fiona;
    private final ApiPerson pat;
    private final ApiPerson frank;
    private final ApiPerson dana;
    private final String client;
    private int count;

    ApiLifecycle(URI base, int clientNumber) {
        // Each client thread has its own people, each with its own HTTP client and session.
        this.alex = new ApiPerson("alex", base);
        this.fiona = new ApiPerson("fiona", base);
        this.pat = new ApiPerson("pat", base);
        this.frank = new ApiPerson("frank", base);
        this.dana = new ApiPerson("dana", base);
        this.client = "client " + clientNumber;
    }

    @Override
    public void runOne(CallStats stats) throws Exception {
        String reference = submit(stats);
        complete(fiona, awaitTask(fiona, reference, "approveAsSteward", stats), decision("approve", Map.of()),
                "complete", stats);
        complete(pat, awaitTask(pat, reference, "privacyReview", stats), decision("approve", privacyAnswers()),
                "complete", stats);
        sign(frank, "Frank Franklin", reference, stats);
        sign(dana, "Dana Dalton", reference, stats);
        complete(frank, awaitTask(frank, reference, "deliverData", stats), decision("delivered", Map.of()),
                "complete", stats);
        awaitStatus(reference, "IN_FORCE", stats);
    }

    private String submit(CallStats stats) throws Exception {
        String title = "Benchmark " + client + " lifecycle " + (++count);
        ApiPerson.Answer answer = alex.post("/api/requests", requestBody(title, "FIN-UTILITY-ACCOUNTS"), "submit",
                stats);
        expect(answer, 201, alex, "submit");
        return answer.body().get("reference").asText();
    }

    private void sign(ApiPerson signatory, String typedName, String reference, CallStats stats) throws Exception {
        String task = awaitTask(signatory, reference, "signAgreement", stats);
        ApiPerson.Answer agreement = signatory.get("/api/requests/" + reference + "/agreement", "read", stats);
        expect(agreement, 200, signatory, "read the agreement of " + reference);
        Map<String, Object> fields = new HashMap<>();
        fields.put("typedName", typedName);
        fields.put("consent", true);
        fields.put("documentHash", agreement.body().get("sha256").asText());
        complete(signatory, task, decision("sign", fields), "sign", stats);
    }

    private void complete(ApiPerson person, String taskId, Map<String, Object> body, String kind, CallStats stats)
            throws Exception {
        expect(person.post("/api/tasks/" + taskId + "/complete", body, kind, stats), 204, person,
                "complete " + body.get("decision"));
    }

    /** Asks the person's task list, filtered to the request, until the step's task is in it; answers its id. */
    private String awaitTask(ApiPerson person, String reference, String step, CallStats stats) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline) {
            stats.poll();
            ApiPerson.Answer answer = person.get("/api/tasks?request=" + reference, "task poll", stats);
            expect(answer, 200, person, "list tasks of " + reference);
            for (JsonNode task : answer.body().get("items")) {
                if (step.equals(task.path("taskDefinitionKey").asText())) {
                    return task.get("id").asText();
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(client + ": no " + step + " task for " + person.user() + " on " + reference
                + " after 120 s");
    }

    private void awaitStatus(String reference, String status, CallStats stats) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        String last = null;
        while (System.nanoTime() < deadline) {
            stats.poll();
            ApiPerson.Answer answer = alex.get("/api/requests/" + reference, "read", stats);
            expect(answer, 200, alex, "read " + reference);
            last = answer.body().path("status").asText();
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(client + ": " + reference + " still " + last + " after 120 s");
    }

    private void expect(ApiPerson.Answer answer, int status, ApiPerson person, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(client + ", " + person.user() + ", " + what + ": " + answer.status()
                    + " " + ApiPerson.abbreviate(answer.text()));
        }
    }

    private static Map<String, Object> decision(String decision, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        return body;
    }

    /** The privacy threshold questions, answered as the project's tests answer them. */
    static Map<String, Object> privacyAnswers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("personalData", "Service addresses and account types of households; no owner names");
        answers.put("leavesCity", false);
        answers.put("identifiersRemovable", true);
        answers.put("legalAuthority", "City charter, planning authority");
        answers.put("retentionAcceptable", true);
        answers.put("fullAssessmentNeeded", false);
        return answers;
    }

    /** The demo request of the project's tests: all the elements of one dataset, for Community Development. */
    static Map<String, Object> requestBody(String title, String datasetCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("purpose", "Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        body.put("legalBasis", "City charter, planning authority");
        body.put("datasets", List.of(Map.of("code", datasetCode, "elements", List.of())));
        body.put("recipient", Map.of("type", "INTERNAL", "department", "CD"));
        body.put("frequency", "ONE_TIME");
        body.put("deliveryMethod", "Encrypted file transfer");
        body.put("retention", "Deleted 12 months after delivery");
        body.put("securityControls", "Stored on the planning file share, access limited to two analysts");
        body.put("startDate", LocalDate.now().plusDays(30).toString());
        body.put("endDate", LocalDate.now().plusDays(395).toString());
        return body;
    }
}
