package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.request.RequestAttachments;

/**
 * Files up to the promised 10 MB are kept whole on any database with its default settings (they are stored in pieces
 * of 1 MiB, under MariaDB's 16 MiB packet); anything larger than the server takes, and any API body over its limit,
 * answers 413 naming the limit, never a missing security token or "not valid JSON".
 */
class AttachmentSizeTest extends IntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aFileOfTheFullTenMegabytesIsKeptWholeAndDownloadedAsItWasSent() throws Exception {
        byte[] scan = new byte[(int) RequestAttachments.MAX_BYTES];
        new Random(12).nextBytes(scan);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, scan, 0, 9);

        MockHttpServletResponse submitted = mvc.perform(withAnswers(multipart("/requests/new"), "With a full scan")
                .file(new MockMultipartFile("files", "full-scan.pdf", "application/pdf", scan))
                .param("action", "submit").with(httpBasic("alex", "demo")).with(csrf())).andReturn().getResponse();

        assertThat(submitted.getStatus()).as(submitted.getContentAsString()).isEqualTo(302);
        String reference = submitted.getRedirectedUrl().substring("/requests/".length());
        Long id = jdbc.queryForObject("SELECT id FROM request_attachment WHERE request_reference = ?", Long.class,
                reference);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_attachment_chunk WHERE attachment_id = ?",
                Integer.class, id)).as("pieces of 1 MiB").isEqualTo(10);
        MockHttpServletResponse download = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/requests/" + reference + "/attachments/" + id)
                .with(httpBasic("alex", "demo"))).andReturn().getResponse();
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getHeader("Content-Length")).isEqualTo(String.valueOf(scan.length));
        assertThat(Arrays.equals(download.getContentAsByteArray(), scan)).as("the same bytes").isTrue();
    }

    @Test
    void aFileLargerThanTheServerTakesIs413NamingTheLimit_notAMissingSecurityToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String login = send(browser, HttpRequest.newBuilder(uri("/login")).GET()).body();
        send(browser, HttpRequest.newBuilder(uri("/login")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("username=alex"
                        + "&password=demo&_csrf=" + URLEncoder.encode(token(login), StandardCharsets.UTF_8))));
        String form = send(browser, HttpRequest.newBuilder(uri("/requests/new")).GET()).body();

        byte[] huge = new byte[30 * 1024 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 9);
        String boundary = "----steward" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"_csrf", token(form)}, {"title", "With a huge scan"},
            {"action", "submit"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"huge.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(huge);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = send(browser, HttpRequest.newBuilder(uri("/requests/new"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(Jsoup.parse(answer.body()).select("main").text()).contains("Each file can be up to 10 MB")
                .doesNotContainIgnoringCase("security token");
    }

    @Test
    void aJsonBodyOverTheApisLimitIs413NamingTheLimit_withOrWithoutALength() throws Exception {
        String title = "x".repeat(30 * 1024 * 1024);
        String json = "{\"title\":\"" + title + "\"}";
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> sized = send(client, HttpRequest.newBuilder(uri("/api/requests"))
                .header("Authorization", basic()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(sized.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(this.json.readTree(sized.body()).get("detail").asText())
                .isEqualTo("The request body is 30.0 MB: the API takes at most 1 MB of JSON in one request. "
                        + "Nothing was saved.");

        // Sent in chunks, without a length: refused once it passes the limit.
        byte[] bytes = ("{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(client, HttpRequest.newBuilder(uri("/api/requests"))
                .header("Authorization", basic()).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(this.json.readTree(chunked.body()).get("detail").asText()).contains("1 MB");
    }

    @Test
    void filesStoredBeforePiecesAreMovedIntoPiecesByTheMigration() {
        boolean mysql = System.getProperty("spring.profiles.active", "").contains("mysql");
        DriverManagerDataSource database;
        if (mysql) {
            String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
            String name = System.getProperty("steward.test.recreate-database") + "_v7";
            database = new DriverManagerDataSource(server, System.getenv().getOrDefault("STEWARD_TEST_DB_USER",
                    "root"), System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", ""));
            new JdbcTemplate(database).execute("DROP DATABASE IF EXISTS " + name);
            new JdbcTemplate(database).execute("CREATE DATABASE " + name);
            database = new DriverManagerDataSource(server + name, System.getenv().getOrDefault(
                    "STEWARD_TEST_DB_USER", "root"), System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", ""));
        } else {
            database = new DriverManagerDataSource("jdbc:h2:mem:v7-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                    "");
        }
        byte[] old = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(old);
        JdbcTemplate sql = new JdbcTemplate(database);
        migrate(database, "6");
        sql.update("INSERT INTO request_attachment (request_reference, file_name, content_type, size_bytes, content, "
                + "uploaded_by, uploaded_at) VALUES ('DR-2025-0001', 'old.pdf', 'application/pdf', ?, ?, 'alex', ?)",
                old.length, old, java.sql.Timestamp.valueOf(LocalDate.of(2025, 5, 1).atStartOfDay()));

        migrate(database, null);

        assertThat(sql.queryForObject("SELECT content FROM request_attachment_chunk c JOIN request_attachment a "
                + "ON a.id = c.attachment_id WHERE a.file_name = 'old.pdf' AND c.position = 0", byte[].class))
                .isEqualTo(old);
    }

    private static void migrate(javax.sql.DataSource database, String target) {
        var configuration = Flyway.configure().dataSource(database).locations("classpath:db/steward")
                .table("steward_schema_history").baselineOnMigrate(true).baselineVersion("0");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private static org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder withAnswers(
            org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder form, String title) {
        return (org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder) form
                .param("title", title).param("purpose", "Estimate rental occupancy by neighbourhood for the plan.")
                .param("legalBasis", "City charter").param("datasets", "PW-WORK-ORDERS")
                .param("recipientType", "INTERNAL").param("recipientDepartment", "CD").param("frequency", "ONE_TIME")
                .param("deliveryMethod", "File transfer").param("retention", "A year")
                .param("securityControls", "Two analysts")
                .param("startDate", LocalDate.now().plusDays(30).toString())
                .param("endDate", LocalDate.now().plusDays(300).toString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString("alex:demo".getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String page) {
        return Jsoup.parse(page).select("input[name=_csrf]").first().val();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
