package org.steward.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import db.steward.V9__typed_audit_events;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;

/**
 * The audit trail is typed and readable: rows from before are converted into typed events, each change writes its
 * event with who, how and from where, and auditors and admins read it on a page, over the API and as CSV, filtered and
 * paged; everyone else is refused.
 */
class AuditTrailTest extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private AuditTrail audit;

    @Autowired
    private Clock clock;

    @Test
    void theMigrationConvertsTheRowsAlreadyThereIntoTypedEvents() throws Exception {
        String reference = reference();
        Instant at = Instant.now().minus(Duration.ofDays(30));
        oldRow(reference, "REVISED", "alex", "web", "Revision 2; changed: purpose, endDate", at);
        oldRow(reference, "WITHDRAWN", "alex", "api", "No longer needed.", at);
        oldRow(reference, "PROCESS_VERSION_CHANGED", "admin", "web",
                "Moved from dataRequest version 1 to version 3 by an admin.", at);
        oldRow(reference, "AGREEMENT_TERMINATED", "fiona", null,
                "DSA-2026-0001 version 1 ended early by Fiona Fischer: The study was cancelled.", at);
        oldRow(reference, "SUBMITTED", "alex", "api", "Street lights (renewal of DR-2026-0001)", at);
        oldRow(reference, "STATUS_CHANGED", "system", null, "SUBMITTED -> STEWARD_REVIEW (approveAsSteward)", at);
        oldRow(reference, "TASK_COMPLETED", "sam", "email", "Approve as data steward: approve", at);
        oldRow(reference, "MEMBERSHIP_CHANGED", "admin", "web", "Added alex to stewards-pw.", at);
        oldRow(reference, "TASK_CREATED", "system", null, "a sentence nobody wrote", at);

        try (Connection connection = dataSource.getConnection()) {
            assertThat(V9__typed_audit_events.convert(connection)).isGreaterThanOrEqualTo(8);
        }

        Map<AuditEventType, AuditEvent> byType = audit.of(reference).stream()
                .collect(Collectors.toMap(AuditEvent::getEventType, Function.identity()));
        assertThat(byType).hasSize(9);
        assertThat(audit.detail(byType.get(AuditEventType.REVISED)))
                .isEqualTo(new AuditDetail.Revised(2, List.of("purpose", "endDate")));
        assertThat(audit.detail(byType.get(AuditEventType.WITHDRAWN)))
                .isEqualTo(new AuditDetail.Reason("No longer needed."));
        assertThat(audit.detail(byType.get(AuditEventType.PROCESS_VERSION_CHANGED)))
                .isEqualTo(new AuditDetail.VersionMoved("dataRequest", 1, 3));
        assertThat(audit.detail(byType.get(AuditEventType.AGREEMENT_TERMINATED))).isEqualTo(
                new AuditDetail.AgreementEnded("DSA-2026-0001", 1, null, "Fiona Fischer", "The study was cancelled."));
        assertThat(audit.detail(byType.get(AuditEventType.SUBMITTED)))
                .isEqualTo(new AuditDetail.Submitted("Street lights", "DR-2026-0001"));
        assertThat(audit.detail(byType.get(AuditEventType.STATUS_CHANGED)))
                .isEqualTo(new AuditDetail.StatusChanged("SUBMITTED", "STEWARD_REVIEW", "approveAsSteward"));
        assertThat(audit.detail(byType.get(AuditEventType.TASK_COMPLETED)))
                .isEqualTo(new AuditDetail.TaskStep(null, "Approve as data steward", "approve"));
        assertThat(audit.detail(byType.get(AuditEventType.MEMBERSHIP_CHANGED)))
                .isEqualTo(new AuditDetail.PersonChanged("alex", "stewards-pw", true, null));
        assertThat(audit.detail(byType.get(AuditEventType.TASK_CREATED)))
                .as("a sentence that does not read as its type's keeps its words")
                .isEqualTo(new AuditDetail.Note("a sentence nobody wrote"));
        // The words stay as they were, and the converted move shows on the request's timeline.
        assertThat(byType.get(AuditEventType.REVISED).getDetail()).isEqualTo("Revision 2; changed: purpose, endDate");
        assertThat(audit.onTimeline(byType.get(AuditEventType.PROCESS_VERSION_CHANGED))).get()
                .satisfies(line -> assertThat(line.outcomeWords()).isEqualTo("Moved from version 1 to version 3"));
    }

    @Test
    void eachChangeIsAnEventWithWhoHowAndFromWhere() {
        String reference = submit("Audit trail: every change an event", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Which work types?").status())
                .isEqualTo(204);
        runJobs();
        Map<String, Object> revision = requestBody("Audit trail: every change an event, revised", "PW-WORK-ORDERS");
        revision.put("purpose", "A purpose that changed.");
        assertThat(put("alex", "/api/requests/" + reference, revision).status()).isEqualTo(200);

        JsonNode events = get("audrey", "/api/audit?reference=" + reference).body().get("events");
        JsonNode submitted = only(events, "SUBMITTED");
        assertThat(submitted.get("actor").asText()).isEqualTo("alex");
        assertThat(submitted.get("channel").asText()).isEqualTo("api");
        assertThat(submitted.get("clientAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(submitted.at("/detail/title").asText()).isEqualTo("Audit trail: every change an event");
        JsonNode revised = only(events, "REVISED");
        assertThat(revised.at("/detail/revision").asInt()).isEqualTo(2);
        assertThat(revised.get("detail").get("fields")).extracting(JsonNode::asText)
                .contains("title", "purpose");
        assertThat(events.findValuesAsText("type")).contains("STATUS_CHANGED", "TASK_CREATED");
        events.forEach(e -> {
            if (e.get("actor").asText().equals("system")) {
                assertThat(e.get("channel").asText()).as("the platform's own steps").isEqualTo("system");
            }
        });
        assertThat(only(events, "TASK_COMPLETED").get("actor").asText()).isEqualTo("sam");
        assertThat(only(events, "TASK_COMPLETED").at("/detail/outcome").asText()).isEqualTo("changes");
        assertThat(revised.get("typeWords").asText()).isEqualTo("Request revised");
        assertThat(revised.get("words").asText()).startsWith("Revision 2; changed: ").contains("purpose");
    }

    @Test
    void auditorsAndAdminsFilterAndPageTheTrailOverTheApiAndAsCsv_othersAreRefused() throws Exception {
        String reference = reference();
        Instant now = Instant.now();
        typedRow(reference, "WITHDRAWN", "alex", "Withdrawn long ago.", "{\"reason\":\"Withdrawn long ago.\"}",
                now.minus(Duration.ofDays(400)));
        for (int i = 54; i >= 0; i--) {
            typedRow(reference, "COMMENTED", "audit-tester", "Comment " + i, "{\"text\":\"Comment " + i + "\"}",
                    now.minus(Duration.ofMinutes(i + 1)));
        }

        JsonNode first = get("audrey", "/api/audit?reference=" + reference).body();
        assertThat(first.get("total").asInt()).isEqualTo(56);
        assertThat(first.get("pages").asInt()).isEqualTo(2);
        assertThat(first.get("events")).hasSize(50);
        assertThat(first.get("events").get(0).at("/detail/text").asText()).as("newest first").isEqualTo("Comment 0");
        assertThat(first.get("events").get(0).get("typeWords").asText()).isEqualTo("Comment posted");
        JsonNode second = get("admin", "/api/audit?reference=" + reference + "&page=2").body();
        assertThat(second.get("events")).hasSize(6);
        assertThat(second.get("events").get(5).get("type").asText()).isEqualTo("WITHDRAWN");

        JsonNode withdrawn = get("audrey", "/api/audit?reference=" + reference + "&type=withdrawn").body();
        assertThat(withdrawn.get("total").asInt()).isEqualTo(1);
        assertThat(withdrawn.get("events").get(0).at("/detail/reason").asText()).isEqualTo("Withdrawn long ago.");
        assertThat(get("audrey", "/api/audit?reference=" + reference + "&actor=audit-tester").body().get("total")
                .asInt()).isEqualTo(55);
        LocalDate today = LocalDate.now(clock);
        assertThat(get("audrey", "/api/audit?reference=" + reference + "&from=" + today.minusDays(30) + "&to="
                + today).body().get("total").asInt()).as("the period leaves out the withdrawal").isEqualTo(55);
        assertThat(get("audrey", "/api/audit?reference=" + reference + "&from=2000-01-01&to="
                + today.minusDays(300)).body().get("total").asInt()).isEqualTo(1);
        Answer unknownType = get("audrey", "/api/audit?type=SHREDDED");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body().get("errors").get("type").asText()).contains("There is no event type");

        Answer csv = get("audrey", "/api/audit?reference=" + reference + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        List<String> lines = csv.body().asText().lines().toList();
        assertThat(lines).hasSize(57);
        assertThat(lines.get(0)).startsWith("Time,Event type,Event,Request,Person");
        assertThat(lines.get(1)).contains("WITHDRAWN", "Request withdrawn", reference, "Withdrawn long ago.");
        MvcResult download = mvc.perform(MockMvcRequestBuilders.get("/audit.csv").param("reference", reference)
                .param("type", "COMMENTED").with(httpBasic("audrey", "demo"))).andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getContentAsString().lines()).hasSize(56);

        for (String path : List.of("/api/audit", "/api/audit?format=csv")) {
            assertThat(get("alex", path).status()).as(path).isEqualTo(403);
            assertThat(get("sam", path).status()).as(path).isEqualTo(403);
        }
        for (String path : List.of("/audit", "/audit.csv")) {
            assertThat(mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic("alex", "demo"))).andReturn()
                    .getResponse().getStatus()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theAuditTrailPageShowsTheEventsInPlainWordsWithFiltersAndPages() throws Exception {
        String reference = reference();
        Instant now = Instant.now();
        for (int i = 54; i >= 0; i--) {
            typedRow(reference, "COMMENTED", "audit-tester", "Comment " + i, "{\"text\":\"Comment " + i + "\"}",
                    now.minus(Duration.ofMinutes(i + 1)));
        }
        Document page = page("audrey", "/audit?reference=" + reference);
        assertThat(page.title()).contains("Audit trail");
        for (String field : List.of("reference", "actor", "type", "from", "to")) {
            assertThat(page.select("label[for=" + field + "]")).as(field).hasSize(1);
        }
        assertThat(page.select("#events thead th[scope=col]")).extracting(e -> e.text())
                .containsExactly("When", "Event", "Request", "Who", "How", "Address", "Detail");
        assertThat(page.select("#events tbody tr")).hasSize(50);
        assertThat(page.getElementById("result-count").text()).contains("55 events, page 1 of 2");
        String firstRow = page.selectFirst("#events tbody tr").text();
        assertThat(firstRow).contains("Comment posted", reference, "audit-tester", "Comment 0").doesNotContain("{");
        assertThat(page.selectFirst("a[rel=next]").attr("href")).contains("reference=" + reference, "page=2");
        assertThat(page.getElementById("csv-link").attr("href")).startsWith("/audit.csv?reference=" + reference);
        assertThat(page("audrey", "/audit?reference=" + reference + "&page=2").select("#events tbody tr")).hasSize(5);
        assertThat(page("admin", "/audit?type=COMMENTED&actor=audit-tester&reference=" + reference)
                .select("#events tbody tr")).hasSize(50);
        assertThat(page("audrey", "/audit?from=yesterday").getElementsByClass("alert--error").text())
                .contains("not a date we can read");

        // Auditors and admins find it in the menu and from the reports; others do not.
        assertThat(page("audrey", "/").select("nav a[href=/audit]")).hasSize(1);
        assertThat(page("audrey", "/reports").select("#audit-link a[href=/audit]")).hasSize(1);
        assertThat(page("alex", "/").select("nav a[href=/audit]")).isEmpty();
    }

    private Document page(String user, String path) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic(user, "demo"))).andReturn();
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    private static JsonNode only(JsonNode events, String type) {
        List<JsonNode> found = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                found.add(e);
            }
        });
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    /** A reference of the test's own, so that its rows are its own (references are at most 20 characters). */
    private static String reference() {
        return "AT-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36).toUpperCase();
    }

    /** A row as Steward wrote it before events were typed: a sentence and no structured detail. */
    private void oldRow(String reference, String type, String actor, String channel, String detail, Instant at) {
        jdbc.update("INSERT INTO audit_event (request_reference, type, actor, channel, detail, occurred_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", reference, type, actor, channel, detail, Timestamp.from(at));
    }

    private void typedRow(String reference, String type, String actor, String detail, String data, Instant at) {
        jdbc.update("INSERT INTO audit_event (request_reference, type, actor, channel, detail, detail_data, "
                + "occurred_at) VALUES (?, ?, ?, 'web', ?, ?, ?)", reference, type, actor, detail, data,
                Timestamp.from(at));
    }
}
