package org.steward.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's lifecycle through the API (README, "A request, walked through with curl"), over both nodes: alex
 * asks Finance for its utility accounts, fiona approves as Finance's steward, pat for the privacy office, frank and
 * dana sign, frank delivers; it ends when the request is IN_FORCE. A call whose node died is checked before it is sent
 * again to the other node, so that nothing is done twice by the test itself.
 */
final class Lifecycle {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(150);

    private final Cluster cluster;

    Lifecycle(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Runs one lifecycle to its end; answers the request's reference. */
    String run(String title) throws Exception {
        String reference = submit(title);
        complete("fiona", reference, "approveAsSteward", decision("approve", Map.of()));
        complete("pat", reference, "privacyReview", decision("approve", privacyAnswers()));
        sign("frank", "Frank Franklin", reference);
        sign("dana", "Dana Dalton", reference);
        complete("frank", reference, "deliverData", decision("delivered", Map.of()));
        awaitStatus(reference, "IN_FORCE");
        return reference;
    }

    /** Submits as alex; a submission whose node died is looked for before it is sent again. */
    String submit(String title) throws Exception {
        try {
            Cluster.Answer answer = cluster.post("alex", "/api/requests", requestBody(title),
                    unanswered -> referenceOf(title).isEmpty());
            expect(answer, 201, "alex submits " + title);
            return answer.body().get("reference").asText();
        } catch (Cluster.Unanswered done) {
            return referenceOf(title).orElseThrow(() -> done);
        }
    }

    /** The reference of alex's request with this title, when there is one. */
    Optional<String> referenceOf(String title) {
        try {
            for (int page = 0; ; page++) {
                Cluster.Answer answer = cluster.get("alex", "/api/requests?size=200&sort=newest&page=" + page);
                expect(answer, 200, "alex lists requests");
                for (JsonNode item : answer.body().get("items")) {
                    if (title.equals(item.path("title").asText())) {
                        return Optional.of(item.get("reference").asText());
                    }
                }
                if ((page + 1) * 200L >= answer.body().get("total").asLong()) {
                    return Optional.empty();
                }
            }
        } catch (Exception unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    void complete(String user, String reference, String step, Map<String, Object> body) throws Exception {
        String task = awaitTask(user, reference, step);
        boolean[] resent = {false};
        try {
            Cluster.Answer answer = cluster.post(user, "/api/tasks/" + task + "/complete", body, unanswered -> {
                resent[0] = taskOpen(user, reference, task);
                return resent[0];
            });
            if (answer.status() == 409 && resent[0]) {
                return; // the first try was done after all (its node answered late): 409 names who did it
            }
            expect(answer, 204, user + " completes " + step + " of " + reference);
        } catch (Cluster.Unanswered done) {
            // Its node died, and the task is no longer open: the first try was done.
        }
    }

    private void sign(String user, String typedName, String reference) throws Exception {
        awaitTask(user, reference, "signAgreement");
        Cluster.Answer agreement = cluster.get(user, "/api/requests/" + reference + "/agreement");
        expect(agreement, 200, user + " reads the agreement of " + reference);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("typedName", typedName);
        fields.put("consent", true);
        fields.put("documentHash", agreement.body().get("sha256").asText());
        complete(user, reference, "signAgreement", decision("sign", fields));
    }

    /** Asks the person's tasks of the request until the step's task is there; answers its id. */
    String awaitTask(String user, String reference, String step) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline) {
            String task = openTask(user, reference, step);
            if (task != null) {
                return task;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + step + " task for " + user + " on " + reference + " after 150 s");
    }

    private String openTask(String user, String reference, String step) throws Exception {
        Cluster.Answer answer = cluster.get(user, "/api/tasks?request=" + reference);
        expect(answer, 200, user + " lists the tasks of " + reference);
        for (JsonNode task : answer.body().get("items")) {
            if (step.equals(task.path("taskDefinitionKey").asText())) {
                return task.get("id").asText();
            }
        }
        return null;
    }

    private boolean taskOpen(String user, String reference, String taskId) {
        try {
            Cluster.Answer answer = cluster.get(user, "/api/tasks?request=" + reference);
            expect(answer, 200, user + " lists the tasks of " + reference);
            return answer.body().get("items").findValuesAsText("id").contains(taskId);
        } catch (Exception unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    void awaitStatus(String reference, String status) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        String last = null;
        while (System.nanoTime() < deadline) {
            Cluster.Answer answer = cluster.get("alex", "/api/requests/" + reference);
            expect(answer, 200, "alex reads " + reference);
            last = answer.body().path("status").asText();
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(reference + " still " + last + " after 150 s, not " + status);
    }

    static void expect(Cluster.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + " on node " + answer.node() + ": " + answer.status() + " "
                    + (answer.text() == null ? "" : answer.text().substring(0, Math.min(400, answer.text().length()))));
        }
    }

    static Map<String, Object> decision(String decision, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        return body;
    }

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

    /** The README's request: Finance's utility accounts (personal information), for Community Development. */
    static Map<String, Object> requestBody(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("purpose", "Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        body.put("legalBasis", "City charter, planning authority");
        body.put("datasets", List.of(Map.of("code", "FIN-UTILITY-ACCOUNTS", "elements", List.of())));
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
