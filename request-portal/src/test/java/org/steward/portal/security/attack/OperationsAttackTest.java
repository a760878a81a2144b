package org.steward.portal.security.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.steward.portal.IntegrationTest;
import org.steward.portal.monitoring.MetricsAccount;
import org.steward.workflow.people.PeopleService;

/**
 * Attacks on the operators' guards of issue 15: the actuator open only for its probes, the metrics account kept to
 * /actuator, no token, password, session id or address in the log, and the 503 of a database out of reach. Every
 * request goes over a raw socket where the address matters, since HTTP clients tidy addresses before sending them.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsAttackTest extends IntegrationTest {

    private static final String METRICS_USER = "prometheus";
    private static final String METRICS_PASSWORD = "scrape-the-figures";
    /** What only a scrape or health details would show; none may reach someone not allowed to read them. */
    private static final List<String> ONLY_FOR_READERS = List.of("jvm_memory", "steward_", "hikaricp", "components",
            "details", "activeProfiles", "propertySources", "spring.datasource", "\"levels\"", "contexts");

    @Autowired
    private PeopleService people;

    /** Wrong passwords tried here hold back the accounts' logins for a while; the next test must not pay for it. */
    @AfterEach
    void liftTheWaits() {
        for (String id : List.of(METRICS_USER, "alex", "admin", "sam")) {
            people.unlock(id);
        }
    }

    // ---- 1. The actuator --------------------------------------------------------------------------------------------

    @Test
    void addressTricks_reachNothingButTheProbes_forAnonymousOrStaff() {
        List<String> targets = List.of("/actuator/health/../env", "/actuator/health/..;/env",
                "/actuator/health;x=y/../prometheus", "/actuator/health/%2e%2e/prometheus", "/actuator//prometheus",
                "//actuator/prometheus", "/actuator/prometheus/", "/actuator/prometheus;", "/actuator/prometheus;a=b",
                "/ACTUATOR/prometheus", "/actuator/Prometheus", "/actuator/%70rometheus", "/actuator/prometheus%00",
                "/actuator/health/readiness/../../prometheus", "/actuator/health/readiness/../../env",
                "/actuator/health/liveness/..%2f..%2fprometheus", "/actuator/health/liveness/%2e%2e/%2e%2e/env",
                "/actuator/health/readiness/", "/actuator/health/", "/actuator/health/readiness;x=1",
                "/actuator/health/database", "/actuator/health/mailServer", "/actuator/health/readiness/database",
                "/actuator/health/readiness/mailServer", "/actuator/health/liveness/livenessState",
                "/actuator/health/emailOutbox", "/actuator/health/engine", "/actuator/health/jobExecutor",
                "/actuator/health/DATABASE", "/actuator/health/database/", "/actuator/env", "/actuator/env/PATH",
                "/actuator/configprops", "/actuator/heapdump", "/actuator/beans", "/actuator/mappings",
                "/actuator/loggers", "/actuator/loggers/ROOT", "/actuator/threaddump", "/actuator/metrics",
                "/actuator/metrics/jvm.memory.used", "/actuator/sessions", "/actuator/shutdown", "/actuator/info",
                "/actuator/scheduledtasks", "/actuator/conditions", "/actuator/caches", "/actuator/flyway",
                "/actuator/logfile", "/actuator/", "/actuator", "/actuator/health/x/../../prometheus",
                "/actuator/./prometheus", "/./actuator/prometheus", "/actuator/health/%2E%2E/prometheus",
                "/actuator%2Fprometheus", "/actuator/health%2F..%2Fprometheus", "/actuator\\prometheus",
                "/actuator/health/..\\prometheus", "/camunda/../actuator/prometheus",
                "/engine-rest/../actuator/prometheus", "/actuator/prometheus?format=openmetrics",
                "/actuator/health/readiness/../../prometheus?x=1", "/actuator/prometheus#x");
        for (String caller : new String[] {null, "alex"}) {
            for (String target : targets) {
                RawAnswer answer = raw("GET", target, caller == null ? null : basic(caller, "demo"), "*/*");
                // 302 is the login page, for addresses that are no actuator's (/ACTUATOR/...).
                assertThat(answer.status()).as(caller + " " + target + "\n" + answer.body())
                        .isIn(302, 400, 401, 403, 404);
                assertNothingForReaders(caller + " " + target, answer.body());
            }
        }
    }

    @Test
    void theProbesShowTheStatusAlone_whateverTheCallerAsksFor() {
        List<String> probes = List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
        List<String> asks = List.of("", "?showDetails=true", "?show-details=always", "?showComponents=true",
                "?show-components=always", "?group=readiness", "?path=database", "?showDetails=always&roles=");
        List<String> accepts = List.of("*/*", "application/json", "application/vnd.spring-boot.actuator.v2+json",
                "application/vnd.spring-boot.actuator.v3+json", "text/plain", "text/html", "application/xml",
                "application/x-yaml");
        for (String caller : new String[] {null, "alex", "sam"}) {
            for (String probe : probes) {
                for (String ask : asks) {
                    for (String accept : accepts) {
                        RawAnswer answer = raw("GET", probe + ask, caller == null ? null : basic(caller, "demo"),
                                accept);
                        String what = caller + " " + probe + ask + " " + accept;
                        assertThat(answer.status()).as(what + "\n" + answer.body()).isIn(200, 404, 406, 503);
                        assertNothingForReaders(what, answer.body());
                    }
                }
            }
        }
        // The metrics account reads the probes too, still without details: it is no admin.
        RawAnswer readiness = raw("GET", "/actuator/health/readiness?showDetails=true",
                basic(METRICS_USER, METRICS_PASSWORD), "application/json");
        assertThat(readiness.status()).isIn(200, 503);
        assertThat(readiness.body()).doesNotContain("components", "details");
    }

    @Test
    void writingMethods_changeNothingOnTheActuator_evenForAnAdmin() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String target : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                    "/actuator/loggers/ROOT", "/actuator/loggers/org.steward", "/actuator/shutdown",
                    "/actuator/env", "/actuator/caches", "/actuator/sessions/x", "/actuator/health/liveness")) {
                for (String caller : new String[] {null, basic("admin", "demo"), basic(METRICS_USER,
                        METRICS_PASSWORD)}) {
                    RawAnswer answer = rawWithBody(method, target, caller, "{\"configuredLevel\":\"TRACE\"}");
                    assertThat(answer.status()).as(method + " " + target + " " + (caller != null))
                            .isIn(400, 401, 403, 404, 405);
                    assertNothingForReaders(method + " " + target, answer.body());
                }
            }
        }
        // Nothing changed the levels: debug lines of Steward's code stay off.
        assertThat(org.slf4j.LoggerFactory.getLogger("org.steward").isTraceEnabled()).isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("ROOT").isDebugEnabled()).isFalse();
        // HEAD and OPTIONS on the figures are no way around the login either.
        assertThat(raw("HEAD", "/actuator/prometheus", null, "*/*").status()).isEqualTo(401);
        assertThat(raw("OPTIONS", "/actuator/prometheus", null, "*/*").status()).isIn(401, 403);
    }

    @Test
    void theMetricsAccount_overHttpBasic_readsTheActuatorAndNothingElse() {
        String metrics = basic(METRICS_USER, METRICS_PASSWORD);
        assertThat(raw("GET", "/actuator/prometheus", metrics, "text/plain").status()).isEqualTo(200);
        for (String target : List.of("/", "/requests", "/requests/new", "/tasks", "/inbox", "/agreements",
                "/agreements.csv", "/agreements/AG-2026-0001", "/api/agreements", "/api/agreements/AG-2026-0001/pdf",
                "/api/requests", "/api/tasks", "/api/datasets", "/api/me", "/admin/people", "/admin/groups",
                "/admin/agreement-template", "/dev/mailbox", "/v3/api-docs", "/v3/api-docs/swagger-config",
                "/swagger-ui.html", "/swagger-ui/index.html", "/h2-console", "/h2-console/", "/camunda/",
                "/camunda/app/cockpit/default/", "/camunda/app/admin/default/", "/camunda/app/tasklist/default/",
                "/camunda/api/admin/auth/user/default", "/camunda/api/engine/engine/default/process-definition",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", "/engine-rest/engine",
                "/engine-rest/user", "/engine-rest/identity/groups?userId=prometheus", "/engine-rest/deployment",
                "/engine-rest/process-definition", "/engine-rest/task", "/engine-rest/history/process-instance")) {
            RawAnswer answer = raw("GET", target, metrics, "application/json");
            // 404 is fine where nothing is served at all (no h2 console, no such agreement): nothing is shown.
            assertThat(answer.status()).as(target + "\n" + answer.body()).isIn(401, 403, 404);
        }
        for (String[] post : List.of(new String[] {"/api/requests", "{\"title\":\"x\"}"},
                new String[] {"/engine-rest/deployment/create", ""},
                new String[] {"/engine-rest/user/create", "{\"profile\":{\"id\":\"evil\"}}"},
                new String[] {"/engine-rest/group/admins/members/prometheus", ""},
                new String[] {"/camunda/api/admin/auth/user/default/login/cockpit", "username=prometheus&password="
                        + METRICS_PASSWORD},
                new String[] {"/admin/people", "userId=evil"}, new String[] {"/dev/mailbox/clear", ""})) {
            RawAnswer answer = rawWithBody("POST", post[0], metrics, post[1]);
            assertThat(answer.status()).as("POST " + post[0] + "\n" + answer.body()).isIn(401, 403, 404);
        }
        assertThat(people.groupsOf(METRICS_USER)).containsExactly(MetricsAccount.GROUP);
        // A wrong password, or the right one with the user name's case changed, is refused on the actuator too.
        assertThat(raw("GET", "/actuator/prometheus", basic(METRICS_USER, "scrape-the-figure"), "*/*").status())
                .isEqualTo(401);
        assertThat(raw("GET", "/actuator/prometheus", basic(METRICS_USER, METRICS_PASSWORD + " "), "*/*").status())
                .isEqualTo(401);
        assertThat(raw("GET", "/actuator/prometheus", basic("Prometheus", METRICS_PASSWORD), "*/*").status())
                .isIn(401, 403);
    }

    @Test
    void theMetricsAccount_loggedInOnTheForm_getsASessionForNothingButTheActuator() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String loginPage = browser.send(HttpRequest.newBuilder(url("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(loginPage);
        assertThat(csrf.find()).as(loginPage).isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + METRICS_USER + "&password="
                        + URLEncoder.encode(METRICS_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        for (String target : List.of("/", "/requests", "/tasks", "/api/requests", "/api/tasks", "/dev/mailbox",
                "/admin/people", "/agreements", "/v3/api-docs", "/swagger-ui/index.html",
                "/camunda/app/cockpit/default/", "/camunda/api/admin/auth/user/default",
                "/camunda/api/engine/engine/default/process-definition", "/engine-rest/engine")) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url(target))
                    .header("Accept", "text/html,application/json").build(), HttpResponse.BodyHandlers.ofString());
            // The session is refused (403), or is no login at all there (401, or the login page for the engine).
            assertThat(page.statusCode()).as(target + "\n" + page.body()).isIn(401, 403, 404);
        }
    }

    @Test
    void aStaffMemberPutIntoTheMetricsGroup_losesThePortal_evenAsAnAdmin() {
        String id = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        people.createPerson(id, "Ops", "Attacker", id + "@city.example.org", "demo");
        people.addToGroup(id, "admins");
        people.addToGroup(id, "camunda-admin");
        people.addToGroup(id, MetricsAccount.GROUP);
        String both = basic(id, "demo");
        assertThat(raw("GET", "/actuator/prometheus", both, "text/plain").status()).isEqualTo(200);
        for (String target : List.of("/", "/requests", "/api/requests", "/admin/people", "/dev/mailbox",
                "/camunda/app/cockpit/default/", "/camunda/api/admin/auth/user/default", "/engine-rest/engine",
                "/engine-rest/user", "/v3/api-docs")) {
            assertThat(raw("GET", target, both, "application/json").status()).as(target).isIn(401, 403);
        }
    }

    @Test
    void theMetricsAccountsSettings_cannotTakeOverAPerson_norStartWithAWeakPassword() throws Exception {
        Class<?> settingsType = Class.forName("org.steward.portal.monitoring.MetricsSettings");
        java.lang.reflect.Constructor<?> settings = settingsType.getDeclaredConstructor(String.class, String.class,
                java.time.Duration.class);
        settings.setAccessible(true);
        java.lang.reflect.Constructor<MetricsAccount> account = MetricsAccount.class.getDeclaredConstructor(
                PeopleService.class, settingsType);
        account.setAccessible(true);
        for (String[] setting : List.of(new String[] {"alex", "a-long-enough-password"},
                new String[] {"admin", "a-long-enough-password"}, new String[] {"prometheus", "short-pw"},
                new String[] {"prometheus", ""}, new String[] {"", "a-long-enough-password"},
                new String[] {"Prometheus", "a-long-enough-password"}, new String[] {"prom etheus",
                    "a-long-enough-password"}, new String[] {"../admin", "a-long-enough-password"})) {
            MetricsAccount metrics = account.newInstance(people, settings.newInstance(setting[0], setting[1],
                    java.time.Duration.ofSeconds(1)));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> metrics.run(null)))
                    .as(setting[0] + " / " + setting[1]).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("steward.metrics.");
        }
        // Nobody was taken over: alex and the admin keep their groups and their password, the account its own.
        assertThat(people.groupsOf("alex")).doesNotContain(MetricsAccount.GROUP);
        assertThat(people.groupsOf("admin")).doesNotContain(MetricsAccount.GROUP);
        assertThat(raw("GET", "/api/requests", basic("alex", "demo"), "application/json").status()).isEqualTo(200);
        assertThat(raw("GET", "/actuator/prometheus", basic(METRICS_USER, METRICS_PASSWORD), "*/*").status())
                .isEqualTo(200);
    }

    @Test
    void theFigures_nameNoPersonNoRequestAndNoSecret() {
        String secret = "Tok" + UUID.randomUUID().toString().replace("-", "");
        // Calls that would put names, addresses, tokens and references into tags if anything tagged by address.
        raw("GET", "/act/" + secret, null, "text/html");
        raw("GET", "/sign/" + secret, null, "text/html");
        raw("GET", "/requests/DR-2026-987654", basic("alex", "demo"), "text/html");
        raw("GET", "/api/requests/DR-2026-987654", basic("alex", "demo"), "application/json");
        raw("GET", "/api/requests?search=alex%40city.example.org", basic("alex", "demo"), "application/json");
        raw("GET", "/" + secret, basic("alex", "demo"), "text/html");
        raw("GET", "/api/" + secret, basic("alex", "demo"), "application/json");
        raw("GET", "/actuator/prometheus", basic("alex", "wrong-" + secret), "*/*");
        raw("GET", "/actuator/prometheus", basic("login-" + secret.toLowerCase(), "x"), "*/*");
        // http_client_requests are the test's own HTTP client's (TestRestTemplate, in this JVM); Steward calls no one.
        String scrape = raw("GET", "/actuator/prometheus", basic(METRICS_USER, METRICS_PASSWORD), "text/plain")
                .body().lines().filter(line -> !line.startsWith("http_client_requests"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(scrape).contains("steward_requests");
        assertThat(scrape).doesNotContain(secret, secret.toLowerCase(), "DR-2026-987654", "@", "alex", "\"sam\"",
                METRICS_PASSWORD, "demo", "JSESSIONID", "jdbc:");
        Matcher reference = Pattern.compile(".*[A-Z]{1,10}-\\d{4}-\\d{4,}.*").matcher(scrape);
        assertThat(reference.find() ? reference.group() : "").as("a line naming a request").isEmpty();
    }

    @Test
    void adminsHealthDetails_showNoSecret() {
        RawAnswer health = raw("GET", "/actuator/health", basic("admin", "demo"), "application/json");
        assertThat(health.body()).contains("components");
        assertThat(health.body()).doesNotContain("jdbc:", "password", "spring.mail.password", METRICS_PASSWORD,
                "@");
    }

    // ---- 2. The log -------------------------------------------------------------------------------------------------

    @Test
    void aLinksTokenInAMalformedAddress_neverReachesTheLog(CapturedOutput output) {
        String token = "Tk" + UUID.randomUUID().toString().replace("-", "") + "Zq";
        String session = "SID" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        List<String> targets = List.of("/act/" + token + ";jsessionid=" + session,
                "/act/" + token + "/..;/x", "/act/" + token + "/%2e%2e/", "/act/" + token + "%2F",
                "/act/./" + token, "/act//" + token, "/act/%2e/" + token, "/act;x=1/" + token,
                "/act;jsessionid=" + session + "/" + token, "/sign/./" + token, "/sign//" + token,
                "/%61ct/" + token, "/a%63t/" + token, "/%73ign/" + token, "/act%2F" + token, "/act%2f" + token,
                "/sign%2F" + token, "/act%5C" + token, "//act/" + token, "/x/..%2Fact/" + token,
                "/ACT/./" + token, "/Act%2F" + token, "/act/" + token + "%ZZ", "/act/" + token + "%",
                "/act/%" + token, "/act/" + token + "?token=" + token, "/login?token=" + token,
                "/act/" + token + "/%61", "/act/%2541" + token, "/%2561ct/" + token,
                // Characters Tomcat refuses before any filter, writing the request line into its own log line.
                "/act/" + token + "|x", "/act/" + token + "{x}", "/sign/" + token + "^", "/act/" + token + "\"x",
                "/act/" + token + "<x>", "/act/" + token + "`");
        for (String target : targets) {
            RawAnswer answer = raw("GET", target, null, "text/html");
            assertThat(answer.status()).as(target).isBetween(200, 499);
        }
        // Headers that carry a token or a session are not logged either.
        raw("GET", "/requests//x", "Bearer " + token, "text/html", "Cookie", "JSESSIONID=" + session,
                "Referer", "http://localhost/act/" + token, "X-Forwarded-For", token);
        assertThat(output.getAll()).doesNotContain(token, session);
    }

    @Test
    void theLineOfA503WhileTheDatabaseIsAway_namesNoTokenAndNoSession(CapturedOutput output) throws Exception {
        String token = "Tk" + UUID.randomUUID().toString().replace("-", "") + "Db";
        String session = "SID" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        java.lang.reflect.Method log = Class.forName("org.steward.portal.system.DatabaseAway").getDeclaredMethod("log",
                jakarta.servlet.http.HttpServletRequest.class, Throwable.class);
        log.setAccessible(true);
        // The addresses as the server hands them on (request URI, not decoded) that reach a page or the database.
        for (String uri : List.of("/act/" + token, "/act/" + token + ";jsessionid=" + session, "/%61ct/" + token,
                "/sign/" + token, "/SIGN/" + token, "/act%2F" + token, "/requests;jsessionid=" + session)) {
            org.springframework.mock.web.MockHttpServletRequest request =
                    new org.springframework.mock.web.MockHttpServletRequest("POST", uri);
            log.invoke(null, request, new java.sql.SQLTransientConnectionException("Connection is not available"));
        }
        assertThat(output.getAll()).contains("Cannot reach the database, answered 503 to POST /act/(token)")
                .doesNotContain(token, session);
    }

    @Test
    void passwordsAndCraftedUserNames_stayOutOfTheLog_andForgeNoLine(CapturedOutput output) {
        String password = "Pw\"}," + UUID.randomUUID() + "\n{\"level\":\"ERROR\",\"forged\":true}";
        String userNameThatIsAPassword = "Secret-" + UUID.randomUUID();
        String forgedLine = "FORGED " + UUID.randomUUID();
        String crafted = "x\n2026-12-07T00:00:00.000Z ERROR 1 --- [steward] " + forgedLine + "\"}";
        for (String[] login : List.of(new String[] {"alex", password}, new String[] {userNameThatIsAPassword, "x"},
                new String[] {crafted, password}, new String[] {"alex\r\n" + forgedLine, "demo"},
                new String[] {METRICS_USER, password}, new String[] {"admin", userNameThatIsAPassword})) {
            for (String target : List.of("/api/requests", "/actuator/prometheus", "/engine-rest/engine",
                    "/requests//x", "/camunda/api/admin/auth/user/default")) {
                RawAnswer answer = raw("GET", target, basic(login[0], login[1]), "application/json");
                assertThat(answer.status()).as(target).isIn(400, 401, 403);
            }
        }
        String all = output.getAll();
        assertThat(all).doesNotContain(userNameThatIsAPassword, forgedLine, "forged\":true",
                UUIDs.last(password));
    }

    @Test
    void anAddressTheMailLibraryCannotRead_leavesNoPartOfItInTheLogLine() throws Exception {
        // Addresses an admin may mistype that Steward's own check of people's addresses accepts.
        List<String> typos = List.of("anna.schmidt@[city.example.org", "anna.schmidt,x@city.example.org",
                "anna.schmidt;x@city.example.org", "anna.schmidt:x@city.example.org", "anna\"schmidt@city.example.org",
                "anna.schmidt@city..example.org", "anna<schmidt>@city.example.org");
        java.lang.reflect.Method withoutAddresses = Class.forName("org.steward.notifications.outbox.EmailSender")
                .getDeclaredMethod("withoutAddresses", String.class);
        withoutAddresses.setAccessible(true);
        int refused = 0;
        for (String typo : typos) {
            assertThat(typo).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            try {
                // As the SMTP transport makes every message.
                new org.springframework.mail.javamail.MimeMessageHelper(new jakarta.mail.internet.MimeMessage(
                        (jakarta.mail.Session) null), true, "UTF-8").setTo(typo);
            } catch (jakarta.mail.MessagingException unreadable) {
                refused++;
                String logged = (String) withoutAddresses.invoke(null, unreadable.toString());
                assertThat(logged).as(unreadable.toString()).doesNotContain("anna", "schmidt", "city.example");
            }
        }
        assertThat(refused).as("typos the mail library refuses").isGreaterThan(2);
    }

    @Test
    void aLogFormatOtherThanSteward_sIsRefused_soNoFormatterClassCanBeNamed() throws Exception {
        java.lang.reflect.Method format = Class.forName("org.steward.portal.system.LogFormat")
                .getDeclaredMethod("springFormat", String.class);
        format.setAccessible(true);
        assertThat(format.invoke(null, " JSON ")).isEqualTo("ecs");
        assertThat(format.invoke(null, "logstash")).isEqualTo("logstash");
        assertThat(format.invoke(null, "")).isNull();
        for (String value : List.of("gelf", "org.example.LeakEverything", "ecs,logstash", "json\nlogstash",
                "${spring.datasource.password}", "jsonx")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> format.invoke(null, value)))
                    .as(value).hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .rootCause().hasMessageContaining("STEWARD_LOG_FORMAT");
        }
    }

    // ---- 3. The 503 of a database out of reach ------------------------------------------------------------------------

    @Test
    void ordinarySqlErrors_areNoDatabaseAway_soTheyAreNeitherHiddenNor503() throws Exception {
        java.lang.reflect.Method causedBy = Class.forName("org.steward.portal.system.DatabaseAway")
                .getDeclaredMethod("causedBy", Throwable.class);
        causedBy.setAccessible(true);
        // What input can make a database say: too long, duplicate, bad grammar, a deadlock, a timeout, a lock.
        for (String[] error : List.of(new String[] {"22001", "22001"}, new String[] {"23505", "23505"},
                new String[] {"42S22", "42122"}, new String[] {"40001", "40001"}, new String[] {"57014", "57014"},
                new String[] {"HYT00", "50200"}, new String[] {"22018", "22018"}, new String[] {"HY000", "1366"},
                new String[] {"0800X", "-1"})) {
            java.sql.SQLException sql = new java.sql.SQLException("input " + error[0], error[0],
                    Integer.parseInt(error[1]));
            boolean away = (boolean) causedBy.invoke(null, new org.springframework.dao.DataIntegrityViolationException(
                    "wrapped", new RuntimeException(sql)));
            assertThat(away).as(error[0]).isEqualTo(error[0].startsWith("08"));
        }
        // Real requests with input that databases choke on answer as the input deserves, not 503.
        for (String target : List.of("/api/requests?page=-1", "/api/requests?sort=title%3Bdrop",
                "/api/requests?q=%25%5C%27%22", "/api/tasks?page=99999999999",
                "/engine-rest/task?nameLike=%25%5C", "/engine-rest/process-instance?variables=a_gt_"
                        + "9".repeat(400), "/engine-rest/task?maxResults=2147483647&firstResult=2147483647")) {
            RawAnswer answer = raw("GET", target, basic("admin", "demo"), "application/json");
            assertThat(answer.status()).as(target + "\n" + answer.body()).isNotEqualTo(503).isLessThan(500);
        }
        RawAnswer huge = rawWithBody("POST", "/api/requests", basic("alex", "demo"),
                "{\"title\":\"" + "t".repeat(100_000) + "\"}");
        assertThat(huge.status()).as(huge.body()).isIn(400, 413);
    }

    /** Parts of a secret that are unique enough to search the log for. */
    private static final class UUIDs {
        static String last(String text) {
            Matcher uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    .matcher(text);
            return uuid.find() ? uuid.group() : text;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static void assertNothingForReaders(String what, String body) {
        for (String secret : ONLY_FOR_READERS) {
            assertThat(body).as(what + " must not show " + secret).doesNotContain(secret);
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record RawAnswer(int status, String head, String body) {
    }

    private RawAnswer raw(String method, String target, String authorization, String accept, String... headers) {
        return send(method, target, authorization, accept, null, headers);
    }

    private RawAnswer rawWithBody(String method, String target, String authorization, String body) {
        return send(method, target, authorization, "application/json", body);
    }

    /** Sends the request line exactly as written; HTTP client libraries tidy such addresses before sending. */
    private RawAnswer send(String method, String target, String authorization, String accept, String body,
            String... headers) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\nAccept: " + accept + "\r\n");
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: ").append(body.startsWith("{") ? "application/json"
                        : "application/x-www-form-urlencoded").append("\r\nContent-Length: ").append(payload.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end < 0 ? text.length() : end);
            int status = Integer.parseInt(head.split("\r\n")[0].split(" ")[1]);
            return new RawAnswer(status, head, end < 0 ? "" : text.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
