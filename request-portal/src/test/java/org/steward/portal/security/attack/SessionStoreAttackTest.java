package org.steward.portal.security.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/**
 * Attacks on the sessions kept in the database (Spring Session JDBC) and on the shared table of failed logins per
 * name and address (issue 15; per address since issue 16): planted and made-up session ids, logout, the ids' form, CSRF tokens across sessions,
 * what the table tells and keeps, and what a session's stored attributes hold. Every request goes through the real
 * Tomcat with cookies handled by hand, as a browser or a script would send them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionStoreAttackTest extends IntegrationTest {

    private static final Pattern UUID_V4 = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"\\s+(?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\"\\s+name=\"_csrf\"");

    /** What a browser asks for; without it, a logout answers 204 as to a script. */
    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PeopleService people;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @AfterEach
    void liftTheWaits() {
        for (String id : List.of("alex", "sam")) {
            people.unlock(id);
        }
    }

    // ---- 1. Session fixation ----------------------------------------------------------------------------------------

    @Test
    void aPlantedAnonymousSession_getsANewIdAtTheFormLogin_andStaysAnonymous() {
        Page login = fetch("/login", null);
        String planted = login.cookie();
        assertThat(planted).as("the login page starts a session for its CSRF token").isNotNull();
        Page loggedIn = formLogin(planted, login.csrf(), "alex", "demo");
        assertThat(loggedIn.status()).isEqualTo(302);
        assertThat(loggedIn.location()).doesNotContain("error");
        String fresh = loggedIn.cookie();
        assertThat(fresh).as("a new session id at login").isNotNull().isNotEqualTo(planted);
        assertThat(fetch("/", planted).status()).as("the planted id is no login").isEqualTo(302);
        assertThat(fetch("/", planted).location()).endsWith("/login");
        assertThat(fetch("/", fresh).status()).isEqualTo(200);
        assertThat(rowsWithId(sessionId(planted))).as("the planted id is gone from the table").isZero();
        assertThat(principalOf(sessionId(fresh))).isEqualTo("alex");
    }

    @Test
    void httpBasicOnAPageWithASession_neverLogsTheSessionIn() {
        Page login = fetch("/login", null);
        String planted = login.cookie();
        for (String path : List.of("/", "/api/requests", "/requests")) {
            Page withBasic = send(HttpRequest.newBuilder(url(path)).header("Cookie", "JSESSIONID=" + planted)
                    .header("Authorization", basic("alex", "demo")).GET());
            assertThat(withBasic.status()).as(path).isLessThan(400);
            assertThat(withBasic.cookie()).as(path + ": no session handed out for a Basic call").isNull();
        }
        assertThat(fetch("/", planted).status()).as("the session stays anonymous").isEqualTo(302);
        assertThat(principalOf(sessionId(planted))).isNull();
    }

    @Test
    void aSessionIdMadeUpByTheAttacker_isNeverTakenOrCreated() {
        String madeUp = UUID.randomUUID().toString();
        for (String value : List.of(b64(madeUp), madeUp, b64("' OR '1'='1"), b64("x".repeat(5000)), "%%%", "")) {
            Page login = fetch("/login", value);
            assertThat(login.status()).as(value).isEqualTo(200);
            assertThat(login.cookie()).as("a session of the server's own making").isNotNull().isNotEqualTo(value);
            assertThat(sessionId(login.cookie())).isNotEqualTo(madeUp);
            // The victim logs in while the made-up cookie is still in the browser: the session is the server's.
            Page loggedIn = formLogin(value, login.csrf(), "alex", "demo");
            assertThat(loggedIn.status()).as(value).isEqualTo(403);
        }
        assertThat(rowsWithId(madeUp)).isZero();
        assertThat(fetch("/", b64(madeUp)).status()).isEqualTo(302);
    }

    // ---- 2. Logout --------------------------------------------------------------------------------------------------

    @Test
    void afterLogout_theOldCookieIsDead_andItsRowsAreGone() {
        String session = logIn("alex");
        String id = sessionId(session);
        String primary = jdbc.queryForObject("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?",
                String.class, id);
        Page home = fetch("/", session);
        assertThat(home.status()).isEqualTo(200);
        Page out = postForm("/logout", session, "_csrf=" + enc(home.csrf()));
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).endsWith("/login?logout");
        assertThat(fetch("/", session).status()).isEqualTo(302);
        assertThat(fetch("/api/requests", session).status()).isEqualTo(401);
        assertThat(rowsWithId(id)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES WHERE SESSION_PRIMARY_ID = ?",
                Integer.class, primary)).isZero();
        // A logout by a link (GET), as another site could start it, ends nothing.
        String other = logIn("alex");
        fetch("/logout", other);
        assertThat(fetch("/", other).status()).isEqualTo(200);
    }

    // ---- 3. The ids' form, and where they show ----------------------------------------------------------------------

    @Test
    void sessionIdsAreRandomUuids_andNeitherKeyShowsInPagesOrTheLog(CapturedOutput output) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String session = logIn("alex");
            String id = sessionId(session);
            assertThat(id).matches(UUID_V4);
            assertThat(ids.add(id)).isTrue();
            String primary = jdbc.queryForObject("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?",
                    String.class, id);
            assertThat(primary).matches(UUID_V4).isNotEqualTo(id);
            for (String path : List.of("/", "/requests", "/api/requests", "/api/me", "/login")) {
                Page page = fetch(path, session);
                assertThat(page.body()).as(path).doesNotContain(id, primary, session);
                assertThat(page.head()).as(path).doesNotContain(primary);
            }
            assertThat(output.getAll()).doesNotContain(id, primary, session);
        }
    }

    // ---- 4. CSRF tokens --------------------------------------------------------------------------------------------

    @Test
    void aCsrfTokenOfOneSession_doesNotWorkWithAnother() {
        String alex = logIn("alex");
        String sam = logIn("sam");
        String alexToken = fetch("/", alex).csrf();
        Page foreign = postForm("/logout", sam, "_csrf=" + enc(alexToken));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(fetch("/", sam).status()).as("sam is still logged in").isEqualTo(200);
        // The token of the anonymous session before the login does not work after it either.
        Page login = fetch("/login", null);
        Page loggedIn = formLogin(login.cookie(), login.csrf(), "sam", "demo");
        assertThat(postForm("/logout", loggedIn.cookie(), "_csrf=" + enc(login.csrf())).status()).isEqualTo(403);
        assertThat(fetch("/", loggedIn.cookie()).status()).isEqualTo(200);
    }

    // ---- 5. The shared table of failed logins -----------------------------------------------------------------------

    @Test
    void aMadeUpNameAndARealOne_answerAlikeInTime_andTheTableKeepsOnlyTheHash() {
        String madeUp = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> real = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Alternating, so that load on the machine falls on both alike; the holds are lifted between tries.
            unknown.add(timedFailure(madeUp));
            real.add(timedFailure("alex"));
            people.unlock("alex");
            jdbc.update("DELETE FROM login_failure WHERE name_hash = ?", sha256(madeUp));
        }
        assertThat(Math.abs(median(real) - median(unknown))).as("real " + real + " ms, made-up " + unknown + " ms")
                .isLessThan(50);
        timedFailure(madeUp);
        List<String> stored = jdbc.queryForList("SELECT name_hash FROM login_failure", String.class);
        assertThat(stored).contains(sha256(madeUp)).doesNotContain(madeUp);
        assertThat(jdbc.queryForList("SELECT * FROM login_failure").toString()).doesNotContain(madeUp);
    }

    @Test
    void aTableFilledWithMadeUpNames_neitherHoldsBackRealPeopleNorTellsNamesApart() {
        // What an attacker would leave after ten thousand tries under made-up names from their address.
        String attacker = "203.0.113.66";
        Timestamp held = Timestamp.from(Instant.now().plusSeconds(600));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(new Object[] {sha256("filler-" + i + "-" + UUID.randomUUID()), attacker, 5, held});
        }
        String insert = "INSERT INTO login_failure (name_hash, address, tries, held_until) VALUES (?, ?, ?, ?)";
        jdbc.batchUpdate(insert, rows);
        try {
            // Even the attacker's failures under real people's own names hold nobody back at their own address.
            for (String name : List.of("alex", "sam", "fiona", "admin")) {
                jdbc.update(insert, sha256(name), attacker, 5, held);
            }
            for (String name : List.of("alex", "sam")) {
                Page login = fetch("/login", null);
                Page in = formLogin(login.cookie(), login.csrf(), name, "demo");
                assertThat(in.location()).as(name).doesNotContain("error");
            }
            String madeUp = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
            List<Long> real = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                unknown.add(timedFailure(madeUp));
                real.add(timedFailure("sam"));
                people.unlock("sam");
                jdbc.update("DELETE FROM login_failure WHERE name_hash = ?", sha256(madeUp));
            }
            assertThat(Math.abs(median(real) - median(unknown))).as("real " + real + " ms, made-up " + unknown + " ms")
                    .isLessThan(50);
        } finally {
            jdbc.update("DELETE FROM login_failure WHERE address = ?", attacker);
        }
    }

    // ---- 6. What a session's attributes hold ---------------------------------------------------------------------

    @Test
    void aRefusedLogin_leavesNoTypedPasswordInTheSessionTable() {
        String typed = "Winter2026-almost-" + UUID.randomUUID().toString().substring(0, 6);
        Page login = fetch("/login", null);
        Page refused = formLogin(login.cookie(), login.csrf(), "alex", typed);
        assertThat(refused.location()).contains("/login?error");
        // The browser has not come back for the message yet (closed, or a script that does not follow redirects).
        assertThat(attributesOf(sessionId(login.cookie()))).as("the typed password in SPRING_SESSION_ATTRIBUTES")
                .doesNotContain(typed);
        // Under a made-up name: neither the name (it may be a password) nor the password is kept.
        String typedName = "Summer2026-name-" + UUID.randomUUID().toString().substring(0, 6);
        Page again = formLogin(login.cookie(), fetch("/login", login.cookie()).csrf(), typedName, typed);
        assertThat(again.location()).contains("/login?error");
        assertThat(attributesOf(sessionId(login.cookie()))).doesNotContain(typed, typedName);
        // The right password typed while the tries are held back (the likeliest moment to type it) is kept nowhere.
        // The engine's clock stands still, so that the hold cannot run out on a slow machine.
        ClockUtil.setCurrentTime(new Date());
        try {
            String csrf = fetch("/login", login.cookie()).csrf();
            assertThat(formLogin(login.cookie(), csrf, "alex", "wrong").location()).contains("/login?error");
            Page held = formLogin(login.cookie(), csrf, "alex", "demo");
            assertThat(held.location()).contains("/login?error");
            assertThat(attributesOf(sessionId(login.cookie()))).contains("Too many failed tries")
                    .doesNotContain("t\u0000\u0004demo");
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aLoggedInSession_holdsNoPassword() {
        String session = logIn("alex");
        fetch("/", session);
        String attributes = attributesOf(sessionId(session));
        assertThat(attributes).contains("alex");
        // A serialized Java string "demo": TC_STRING, its length in two bytes, then the text.
        assertThat(attributes).doesNotContain("t\u0000\u0004demo");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    record Page(int status, String head, String body, String cookie, String location) {
        String csrf() {
            Matcher token = CSRF.matcher(body);
            if (!token.find()) {
                throw new AssertionError("No CSRF token on the page:\n" + body);
            }
            return token.group(1) != null ? token.group(1) : token.group(2);
        }
    }

    private long timedFailure(String name) {
        Page login = fetch("/login", null);
        long started = System.nanoTime();
        Page refused = formLogin(login.cookie(), login.csrf(), name, "wrong-" + UUID.randomUUID());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/login?error");
        assertThat(fetch("/login", refused.cookie() != null ? refused.cookie() : login.cookie()).body())
                .contains("The user name or password is wrong.");
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private String logIn(String user) {
        Page login = fetch("/login", null);
        Page in = formLogin(login.cookie(), login.csrf(), user, "demo");
        assertThat(in.location()).as(user).doesNotContain("error");
        return in.cookie();
    }

    private Page formLogin(String cookie, String csrf, String user, String password) {
        return postForm("/login", cookie, "username=" + enc(user) + "&password=" + enc(password) + "&_csrf="
                + enc(csrf));
    }

    private Page fetch(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", BROWSER).GET();
        if (cookie != null) {
            request.header("Cookie", "JSESSIONID=" + cookie);
        }
        return send(request);
    }

    private Page postForm(String path, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", BROWSER)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", "JSESSIONID=" + cookie);
        }
        return send(request);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(11, c.indexOf(';')))
                    .filter(v -> !v.isEmpty()).reduce((a, b) -> b).orElse(null);
            return new Page(response.statusCode(), response.headers().map().toString(), response.body(), cookie,
                    response.headers().firstValue("Location").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The session id a cookie carries (Spring Session writes it Base64-encoded). */
    private static String sessionId(String cookie) {
        try {
            return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return cookie;
        }
    }

    private int rowsWithId(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?", Integer.class, id);
    }

    private String principalOf(String id) {
        List<String> names = jdbc.queryForList("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?",
                String.class, id);
        assertThat(names).as("a row for session " + id).hasSize(1);
        return names.get(0);
    }

    /** A session's stored attributes as text (ISO-8859-1, byte for byte), to search for what they must not hold. */
    private String attributesOf(String id) {
        List<byte[]> blobs = jdbc.queryForList("SELECT a.ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES a "
                + "JOIN SPRING_SESSION s ON s.PRIMARY_ID = a.SESSION_PRIMARY_ID WHERE s.SESSION_ID = ?", byte[].class,
                id);
        StringBuilder text = new StringBuilder();
        for (byte[] blob : blobs) {
            text.append(new String(blob, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return text.toString();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
