package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.portal.IntegrationTest;

/**
 * The auditor reads everything and writes nothing, comments included: every change is refused with 403 in plain words,
 * on the pages and the API alike, and the pages offer no form or button for one.
 */
class AuditorTest extends IntegrationTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final String WHY = "Auditors read every request";

    /**
     * Changes an auditor may make: their own email settings and password (no record of a request); checking an
     * agreement's hashes changes nothing.
     */
    private static final Set<String> ALLOWED = Set.of("/settings/email", "/agreements/{number}/verify",
            "/account/password", "/api/account/password");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theAuditorReadsTheCommentsButCannotPostOne() throws Exception {
        String reference = submit("Auditor: centerlines to comment on", "PW-STREET-CENTERLINES");
        Visitor audrey = new Visitor(port).loggedInAs("audrey");

        HttpResponse<String> page = audrey.get("/requests/" + reference, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        Document document = Jsoup.parse(page.body());
        assertThat(document.select("#comments form")).isEmpty();
        assertThat(document.select("#comments").text()).contains("Auditors read the comments; they do not post any.");
        assertThat(document.select("form[action$=/withdraw]")).isEmpty();

        int comments = commentsOn(reference);
        HttpResponse<String> posted = audrey.send("POST", "/requests/" + reference + "/comments",
                Visitor.form(Map.of("body", "An auditor's remark", "_csrf", Visitor.csrf(page.body()))),
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(posted.body()).select("main").text()).contains(WHY).contains("cannot ask for data")
                .contains("comment");
        assertThat(commentsOn(reference)).isEqualTo(comments);

        // Everyone else on the request still comments.
        Visitor alex = new Visitor(port).loggedInAs("alex");
        String alexsPage = alex.get("/requests/" + reference, "Accept", "text/html").body();
        assertThat(Jsoup.parse(alexsPage).select("#comments form")).hasSize(1);
        assertThat(alex.send("POST", "/requests/" + reference + "/comments",
                Visitor.form(Map.of("body", "The requester's remark", "_csrf", Visitor.csrf(alexsPage))),
                "Content-Type", "application/x-www-form-urlencoded").statusCode()).isEqualTo(302);
        assertThat(commentsOn(reference)).isEqualTo(comments + 1);
    }

    @Test
    void theAuditorAsksForNoDataAndIsToldSo() throws Exception {
        Visitor audrey = new Visitor(port).loggedInAs("audrey");
        Document home = Jsoup.parse(audrey.get("/", "Accept", "text/html").body());
        assertThat(home.select("a[href=/requests/new]")).isEmpty();
        assertThat(Jsoup.parse(audrey.get("/requests", "Accept", "text/html").body()).select("a[href=/requests/new]"))
                .isEmpty();

        HttpResponse<String> form = audrey.get("/requests/new", "Accept", "text/html");
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(form.body()).select("main").text()).contains(WHY).contains("cannot ask for data");

        int requests = jdbc.queryForObject("SELECT COUNT(*) FROM data_request", Integer.class);
        Answer api = post("audrey", "/api/requests", requestBody("Auditor: a request", "PW-STREET-CENTERLINES"));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body().path("detail").asText()).contains(WHY);

        String token = Visitor.csrf(audrey.get("/", "Accept", "text/html").body());
        for (String action : new String[] {"submit", "draft"}) {
            HttpResponse<String> sent = audrey.send("POST", "/requests/new", Visitor.form(Map.of("action", action,
                    "title", "Auditor: a " + action, "_csrf", token)), "Content-Type",
                    "application/x-www-form-urlencoded", "Accept", "text/html");
            assertThat(sent.statusCode()).as(action).isEqualTo(403);
            assertThat(sent.body()).as(action).contains(WHY);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_request", Integer.class)).isEqualTo(requests);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_draft WHERE owner = 'audrey'", Integer.class))
                .isZero();
    }

    /**
     * Every change the application maps, as the auditor sends it with a valid session and its security token: 403 (or
     * 404 for what is not there to change, such as another person's draft or an unknown link), never done.
     */
    @Test
    void noWriteOfTheApplicationIsOpenToTheAuditor() throws Exception {
        String reference = submit("Auditor: work orders with an agreement", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String task = taskAssignedTo(reference, "wes");
        Map<String, String> values = Map.of("reference", reference, "number",
                agreement("alex", reference).get("number").asText(), "id", task, "draftId", "1", "token", "no-such-token",
                "definitionId", "no-such-definition", "userId", "alex", "code", "PW");
        int comments = commentsOn(reference);
        int events = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class);

        Visitor audrey = new Visitor(port).loggedInAs("audrey");
        String token = Visitor.csrf(audrey.get("/", "Accept", "text/html").body());
        Map<String, Integer> answers = new TreeMap<>();
        for (Map.Entry<String, String> write : writes().entrySet()) {
            String pattern = write.getKey();
            String path = fill(pattern, values);
            boolean api = path.startsWith("/api/");
            HttpResponse<String> answer = audrey.send(write.getValue(), path, api ? "{\"decision\": \"sign\"}"
                    : Visitor.form(Map.of("_csrf", token, "body", "x", "decision", "sign", "confirm", "true",
                            "reason", "An auditor ends it")),
                    "Content-Type", api ? "application/json" : "application/x-www-form-urlencoded", "Accept",
                    api ? "application/json" : "text/html", "X-CSRF-TOKEN", token);
            answers.put(pattern, answer.statusCode());
            if (ALLOWED.contains(pattern)) {
                continue;
            }
            assertThat(answer.statusCode()).as("POST %s as the auditor: %s", path, answer.body()).isIn(403, 404);
            if (answer.statusCode() == 403 && !pattern.startsWith("/admin")) {
                // Said in plain words: an auditor changes nothing, or (on another person's request) only its
                // requester may.
                assertThat(answer.body()).as(path).containsAnyOf(WHY, "Only the person who made request");
            }
        }
        assertThat(answers).as("every write was tried").hasSizeGreaterThan(20);
        assertThat(commentsOn(reference)).isEqualTo(comments);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class)).isEqualTo(events);
        assertThat(taskAssignedTo(reference, "wes")).isEqualTo(task);
    }

    /** Every address of Steward's own controllers that takes POST, PUT, PATCH or DELETE, with that method. */
    private Map<String, String> writes() {
        Map<String, String> writes = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("org.steward")) {
                continue;
            }
            for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                if (Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)
                        .contains(method)) {
                    entry.getKey().getPatternValues().forEach(pattern -> writes.put(pattern, method.name()));
                }
            }
        }
        return writes;
    }

    private static String fill(String pattern, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            assertThat(value).as("a value for {%s} in %s: add one to AuditorTest", placeholder.group(1), pattern)
                    .isNotNull();
            placeholder.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(path);
        return path.toString();
    }

    private int commentsOn(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_comment WHERE request_reference = ?", Integer.class,
                reference);
    }
}
