package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.workflow.logs.LogContext;

/**
 * A whole request, from submission to delivery, through the API, the emails' action links and an outside
 * signatory's signing link, with the paths most likely to leak a secret tried on the way (a used and an expired link,
 * a link in a malformed address, wrong passwords over HTTP Basic and on the login form): nothing the test saw in the
 * emails (every link's token), no password it used and no session id appears anywhere in the output, and the lines
 * about the request carry its reference and the person, on the HTTP threads, the engine's and the email sender's.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsOfALifecycleTest extends MailTest {

    private static final Pattern LINK_TOKEN = Pattern.compile("/(?:act|sign)/([A-Za-z0-9_-]{16,})");
    private static final String PARTNER_EMAIL = "lena.logs@lakeside.example.org";

    @Autowired
    private IdentityService identity;

    private final Events events = new Events();
    private final String requester = "logs-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "Pw-" + UUID.randomUUID();

    @BeforeEach
    void listenToTheLog() {
        events.start();
        root().addAppender(events);
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(events);
    }

    @Test
    void noSecretInTheLogsOfALifecycle_andItsLinesNameTheRequestAndThePerson(CapturedOutput output) throws Exception {
        newStaffMember(requester, password);
        Set<String> secrets = new LinkedHashSet<>(List.of(password, basic(requester, password)));

        // The requester submits through the API with their own password.
        Map<String, Object> body = requestBody("Work orders for the log study", "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Lakeside College",
                "signatoryName", "Lena Logs", "signatoryEmail", PARTNER_EMAIL));
        ResponseEntity<String> submitted = as(requester, password, HttpMethod.POST, "/api/requests", body);
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String reference = json.readTree(submitted.getBody()).get("reference").asText();

        // Sam's links: one opened after it expired, then Approve confirmed, then opened again once used.
        Map<String, String> sams = awaitEmail(reference, "sam", "Waiting for you").actions();
        moveClockTo(clock.instant().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));
        assertThat(new LinkBrowser().open(sams.get("Reject")).status()).as("an expired link").isEqualTo(410);
        ClockUtil.reset();
        assertThat(new LinkBrowser().confirm(sams.get("Approve"), "Fine for the study").status()).isEqualTo(200);
        assertThat(new LinkBrowser().open(sams.get("Approve")).status()).as("a used link").isEqualTo(410);
        // A link in an address the firewall refuses: the refusal is logged, the token is not.
        HttpResponse<String> malformed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sams.get("Reject") + ";jsessionid=x")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        runJobs();

        assertThat(complete("pat", openTask(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(MDC.get(LogContext.REQUEST)).as("the engine leaves no request behind on its thread").isNull();

        // The outside signatory signs through their link, and opens it again afterwards.
        String agreementNumber = agreement("wes", reference).get("number").asText();
        Mails.Mail invitation = Mails.awaitOne(PARTNER_EMAIL, agreementNumber);
        Matcher signing = Pattern.compile("(https?://\\S+/sign/\\S+)").matcher(invitation.text());
        assertThat(signing.find()).isTrue();
        Browser partner = new Browser();
        Document signPage = Jsoup.parse(partner.get(signing.group(1)).body());
        HttpResponse<String> signed = partner.post(signing.group(1), Map.of(
                "_csrf", signPage.select("#sign-form input[name=_csrf]").val(),
                "documentHash", signPage.select("#sign-form input[name=documentHash]").val(),
                "typedName", "Lena Logs", "consent", "true"));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(partner.get(signing.group(1)).statusCode()).as("a used signing link").isEqualTo(410);
        runJobs();

        assertThat(sign("wes", openTask(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(decide("wes", openTask(reference, "custodians-pw"), "delivered", "Sent by SFTP").status())
                .isEqualTo(204);
        runJobs();
        assertThat(as(requester, password, HttpMethod.GET, "/api/requests/" + reference, null).getBody())
                .contains("\"status\":\"IN_FORCE\"");

        // The requester logs in on the form and opens the request's page; then wrong passwords, over HTTP Basic and
        // on the form (held back after the first: the person's tries are throttled), and a password typed as a name.
        Browser browser = new Browser();
        assertThat(browser.logIn(requester, password).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
        assertThat(browser.get(portal("/requests/" + reference)).statusCode()).isEqualTo(200);
        String wrongBasic = "Wrong-Basic-" + UUID.randomUUID();
        String wrongForm = "Wrong-Form-" + UUID.randomUUID();
        String typedAsName = "Typed-As-Name-" + UUID.randomUUID();
        secrets.addAll(List.of(wrongBasic, basic(requester, wrongBasic), wrongForm, typedAsName,
                basic(typedAsName, password)));
        assertThat(as(requester, wrongBasic, HttpMethod.GET, "/api/datasets", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(as(typedAsName, password, HttpMethod.GET, "/api/datasets", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(new Browser().logIn(requester, wrongForm).headers().firstValue("Location").orElse(""))
                .endsWith("/login?error");

        // Every token of every email about the request, and every session id the browsers were given.
        List<Mails.Mail> mails = settled(reference);
        for (Mails.Mail mail : mails) {
            Matcher token = LINK_TOKEN.matcher(mail.text() + "\n" + mail.html());
            while (token.find()) {
                secrets.add(token.group(1));
            }
        }
        assertThat(secrets).as("tokens seen in the emails").contains(sams.get("Approve").replaceAll(".*/act/", ""));
        secrets.addAll(partner.sessionIds());
        secrets.addAll(browser.sessionIds());
        secrets.remove("");

        List<OutboxEmail> rows = outbox.about(reference);
        List<OutboxEmail> sent = rows.stream().filter(r -> r.getStatus() == OutboxEmail.Status.SENT).toList();
        eventually("a line for each email sent", () -> sent.stream().allMatch(
                row -> events.any(e -> e.message().startsWith("Sent email " + row.getId() + " ("))));

        String everything = output.getAll();
        assertThat(everything.lines().filter(line -> secrets.stream().anyMatch(line::contains)).toList())
                .as("lines of the output holding a token, a password or a session id").isEmpty();

        // The lines about the request carry it and the person acting, or the one an email goes to.
        assertThat(events.about(reference)).as("lines naming the request").isNotEmpty()
                .allSatisfy(e -> assertThat(e.request()).as(e.toString()).isEqualTo(reference));
        assertThat(events.one("Submitted request " + reference, reference)).satisfies(e -> assertThat(e.user())
                .isEqualTo(requester));
        assertThat(events.one("Decided approve on step approveAsSteward (email)", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("sam"));
        assertThat(events.one("Decided approve on step privacyReview", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("pat"));
        assertThat(events.one("Decided sign on step signAgreement (email)", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("outside-signatory"));
        assertThat(events.one("Decided delivered on step", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("wes"));
        assertThat(events.one("Refused an action link: it has expired", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("sam"));
        assertThat(events.one("Refused an action link: it was used already", reference))
                .satisfies(e -> assertThat(e.user()).isEqualTo("sam"));
        assertThat(events.one("Refused a signing link: it was used already", reference)).isNotNull();
        for (OutboxEmail row : sent) {
            assertThat(events.one("Sent email " + row.getId() + " (", reference))
                    .satisfies(e -> assertThat(e.user()).isEqualTo(row.getRecipient()))
                    .satisfies(e -> assertThat(e.thread()).isNotEqualTo(Thread.currentThread().getName()));
        }
        // Building blocks name the request through the engine's own context, on whichever thread runs them (here the
        // test's, which runs the jobs as the job executor would).
        List<Line> statuses = events.all().stream().filter(e -> e.logger().endsWith(".SetStatus")).toList();
        assertThat(statuses).allSatisfy(e -> assertThat(e.request()).as(e.toString()).isNotNull());
        assertThat(statuses).filteredOn(e -> reference.equals(e.request())).extracting(Line::message)
                .contains("Status now PRIVACY_REVIEW", "Status now AGREEMENT_SIGNING", "Status now DELIVERY");
        assertThat(statuses).filteredOn(e -> reference.equals(e.request())).extracting(Line::thread)
                .contains(Thread.currentThread().getName());

        // A call about no request, on a pooled HTTP thread that served this one before, names none.
        assertThat(events.all()).filteredOn(e -> e.message().startsWith("Refused a login for " + requester + ": "))
                .hasSize(2).allSatisfy(e -> assertThat(e.request()).as(e.toString()).isNull());
        assertThat(events.all().stream().filter(e -> e.message().contains("no account has the user name given"))
                .toList()).isNotEmpty();
        assertThat(events.all()).filteredOn(e -> e.message().startsWith("Refused a malformed request"))
                .anySatisfy(e -> assertThat(e.message()).contains("/act/(token)").doesNotContain("jsessionid=x"));

        // The plain lines show the request and the person in brackets.
        assertThat(everything.lines().filter(line -> line.contains("Decided approve on step approveAsSteward")))
                .singleElement().asString().contains("[" + reference + " sam]");
    }

    /** The id of the request's open task that waits for the person or group, as its requester reads the request. */
    private String openTask(String reference, String personOrGroup) throws Exception {
        JsonNode request = json.readTree(as(requester, password, HttpMethod.GET, "/api/requests/" + reference, null)
                .getBody());
        for (JsonNode task : request.get("currentTasks")) {
            if (personOrGroup.equals(task.path("assignee").asText())
                    || task.get("candidateGroups").toString().contains("\"" + personOrGroup + "\"")) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError(reference + " waits for nothing of " + personOrGroup + ": " + request);
    }

    /** A member of Community Development's staff with a password of their own, so the test can look for it. */
    private void newStaffMember(String id, String password) {
        User user = identity.newUser(id);
        user.setFirstName("Logan");
        user.setLastName("Logs");
        user.setEmail(id + "@example.org");
        user.setPassword(password);
        identity.saveUser(user);
        identity.createMembership(id, "staff-cd");
    }

    private ResponseEntity<String> as(String user, String password, HttpMethod method, String path, Object body)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(user, password);
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body),
                headers), String.class);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** One logged line: where it came from, what it says, and the request and person of its context. */
    record Line(String thread, String logger, String message, String request, String user) {
    }

    /** Every line logged while the test runs, with its context read on the thread that logged it. */
    private static final class Events extends AppenderBase<ILoggingEvent> {

        private final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            Map<String, String> context = event.getMDCPropertyMap();
            lines.add(new Line(event.getThreadName(), event.getLoggerName(), event.getFormattedMessage(),
                    context.get(LogContext.REQUEST), context.get(LogContext.USER)));
        }

        List<Line> all() {
            return List.copyOf(lines);
        }

        boolean any(java.util.function.Predicate<Line> which) {
            return lines.stream().anyMatch(which);
        }

        /** The lines whose text names the request. */
        List<Line> about(String reference) {
            return lines.stream().filter(line -> line.message().contains(reference)).toList();
        }

        /** The one line that starts so, carrying the request. */
        Line one(String start, String reference) {
            List<Line> found = lines.stream().filter(line -> line.message().startsWith(start)
                    && reference.equals(line.request())).toList();
            assertThat(found).as("lines starting \"%s\" about %s, among %s", start, reference, lines).hasSize(1);
            return found.get(0);
        }
    }

    /** A browser over the real port: its own cookies, no redirects followed. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
            List<String> fields = new ArrayList<>();
            form.forEach((name, value) -> fields.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The login form, filled in and sent with the CSRF token of the login page. */
        HttpResponse<String> logIn(String user, String password) throws Exception {
            String csrf = Jsoup.parse(get(portal("/login")).body()).select("input[name=_csrf]").val();
            return post(portal("/login"), Map.of("_csrf", csrf, "username", user, "password", password));
        }

        List<String> sessionIds() {
            return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getValue).toList();
        }
    }
}
