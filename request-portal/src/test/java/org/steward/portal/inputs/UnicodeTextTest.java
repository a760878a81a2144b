package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/**
 * Emoji and right-to-left scripts in every free-text field are kept as typed, on H2 and on MySQL/MariaDB, where every
 * table, the engine's included, is utf8mb4.
 */
class UnicodeTextTest extends IntegrationTest {

    private static final String ARABIC = "مرحبا";
    private static final String HEBREW = "שלום";
    private static final String EMOJI = "👍🏽 data ✅";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PeopleService people;

    private static String mixed(String what) {
        return what + " " + ARABIC + " " + HEBREW + " " + EMOJI;
    }

    @Test
    void everyFreeTextFieldOfARequestKeepsEmojiAndRightToLeftText() throws Exception {
        Map<String, Object> body = requestBody(mixed("Title"), "PW-WORK-ORDERS");
        body.put("purpose", mixed("Estimate rental occupancy by neighbourhood for the plan"));
        body.put("legalBasis", mixed("Charter"));
        body.put("deliveryMethod", mixed("Delivery"));
        body.put("retention", mixed("Retention"));
        body.put("securityControls", mixed("Controls"));
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", mixed("Organisation"),
                "signatoryName", mixed("Signatory"), "signatoryEmail", "rita@example.org"));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();

        JsonNode stored = request("alex", reference).get("request");
        assertThat(stored.get("title").asText()).isEqualTo(mixed("Title"));
        assertThat(stored.get("purpose").asText())
                .isEqualTo(mixed("Estimate rental occupancy by neighbourhood for the plan"));
        assertThat(stored.get("legalBasis").asText()).isEqualTo(mixed("Charter"));
        assertThat(stored.get("deliveryMethod").asText()).isEqualTo(mixed("Delivery"));
        assertThat(stored.get("retention").asText()).isEqualTo(mixed("Retention"));
        assertThat(stored.get("securityControls").asText()).isEqualTo(mixed("Controls"));
        assertThat(stored.get("recipient").get("organisation").asText()).isEqualTo(mixed("Organisation"));
        assertThat(stored.get("recipient").get("signatoryName").asText()).isEqualTo(mixed("Signatory"));

        mvc.perform(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body",
                mixed("Comment")).with(httpBasic("alex", "demo")).with(csrf()));
        assertThat(jdbc.queryForObject("SELECT body FROM request_comment WHERE request_reference = ?",
                String.class, reference)).isEqualTo(mixed("Comment"));
    }

    @Test
    void aDecisionsCommentConditionsAndReasonKeepEmojiAndRightToLeftText_inTheEnginesTablesToo() {
        // Shared with an outside organisation, so the privacy office reviews it too.
        Map<String, Object> body = requestBody("Work orders, decided in many scripts", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Riverside University",
                "signatoryName", "Rita Rivers", "signatoryEmail", "rita.rivers@riverside.example.org"));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        Answer approved = decide("sam", taskFor(reference, "stewards-pw"), "approve", mixed("Comment"));
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(204);
        runJobs();
        String task = taskFor(reference, "privacy-office");
        Map<String, Object> answers = new java.util.HashMap<>(privacyAnswers());
        answers.put("conditions", mixed("Conditions"));
        Answer conditional = complete("pat", task, "approve_with_conditions", mixed("Privacy"), answers);
        assertThat(conditional.status()).as("%s", conditional.body()).isEqualTo(204);
        runJobs();

        assertThat(request("alex", reference).get("history").findValuesAsText("comment"))
                .contains(mixed("Comment"), mixed("Privacy"));
        assertThat(jdbc.queryForObject("SELECT conditions_text FROM decision WHERE task_id = ?", String.class, task))
                .isEqualTo(mixed("Conditions"));
        for (String kept : List.of(mixed("Privacy"), mixed("Conditions"))) {
            assertThat(jdbc.queryForList("SELECT TEXT_ FROM ACT_HI_VARINST WHERE NAME_ IN ('comment', 'conditions') "
                    + "AND TEXT_ = ?", String.class, kept)).as("the engine's history keeps %s", kept).isNotEmpty();
        }

        String other = submit("Work orders, refused in many scripts", "PW-WORK-ORDERS");
        Answer rejected = decide("sam", taskFor(other, "stewards-pw"), "reject", mixed("Reason"));
        assertThat(rejected.status()).as("%s", rejected.body()).isEqualTo(204);
    }

    @Test
    void aPersonsNameKeptByTheEngineTakesEmojiAndRightToLeftText() {
        people.createPerson("unicode-person", ARABIC + " " + EMOJI, HEBREW, "unicode@example.org", "a-password");
        assertThat(jdbc.queryForObject("SELECT FIRST_ FROM ACT_ID_USER WHERE ID_ = 'unicode-person'", String.class))
                .isEqualTo(ARABIC + " " + EMOJI);
    }

    @Test
    void onMysqlAndMariadbEveryTableIsUtf8mb4() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.contains("mysql") && !product.contains("mariadb")) {
                return;
            }
        }
        List<String> others = jdbc.queryForList("SELECT CONCAT(TABLE_NAME, ' ', TABLE_COLLATION) FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND "
                + "TABLE_COLLATION NOT LIKE 'utf8mb4%'", String.class);
        List<String> columns = jdbc.queryForList("SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME, ' ', CHARACTER_SET_NAME) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL "
                + "AND CHARACTER_SET_NAME <> 'utf8mb4'", String.class);
        assertThat(others).as("tables not in utf8mb4").isEmpty();
        assertThat(columns).as("columns not in utf8mb4").isEmpty();
    }
}
