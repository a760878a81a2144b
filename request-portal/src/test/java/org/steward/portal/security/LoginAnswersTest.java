package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/**
 * A login under a user name nobody has is answered exactly as one under a real name with a wrong password, try after
 * try: the same status, the same words, the same wait before the next try. So nobody learns from the login which names
 * exist. The engine's clock stands still and is moved by hand.
 */
class LoginAnswersTest extends IntegrationTest {

    private static final Pattern WAIT = Pattern.compile("Wait (\\d+) seconds?");

    @Autowired
    private PeopleService people;

    @Value("${steward.login.refusal-millis}")
    private long refusalMillis;

    private String known;
    private String unknown;
    private Instant now;

    @BeforeEach
    void aRealNameAndAMadeUpOne() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        known = "real-" + suffix;
        unknown = "nobody-" + suffix;
        people.createPerson(known, "Rita", "Real", known + "@example.org", "the right password");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void wrongPasswordsAnswerTheSameForARealNameAndAMadeUpOneTryAfterTry() {
        List<Long> waits = new ArrayList<>();
        for (int round = 1; round <= 7; round++) {
            String wrong = sameAnswer("a wrong guess " + round);
            assertThat(wrong).as("round %d", round).startsWith("401 The user name or password is wrong.");

            // At once again: both held back, for as long.
            String heldBack = sameAnswer("another guess " + round);
            assertThat(heldBack).as("round %d", round).startsWith("401 Too many failed tries for this user name.");
            long seconds = waitIn(heldBack);
            waits.add(seconds);

            // One second before the wait is over, still held back, with the same second left.
            moveClock(Duration.ofSeconds(seconds - 1));
            assertThat(sameAnswer("a guess too early " + round)).contains("Wait 1 second");
            moveClock(Duration.ofSeconds(1));
        }
        assertThat(waits).containsExactly(3L, 6L, 12L, 24L, 48L, 60L, 60L);

        // A quarter of an hour without a try: the failures are forgotten for both alike.
        moveClock(Duration.ofMinutes(16));
        assertThat(sameAnswer("after a break")).startsWith("401 The user name or password is wrong.");
        assertThat(waitIn(sameAnswer("after a break, again"))).isEqualTo(3L);

        // The real person is not locked out for good: with the wait over, the right password works.
        moveClock(Duration.ofSeconds(3));
        assertThat(answer(known, "the right password")).startsWith("200");
    }

    @Test
    void theLoginPageSaysTheSameForARealNameAndAMadeUpOne() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            String forKnown = loginPageError(known, "wrong " + attempt);
            String forUnknown = loginPageError(unknown, "wrong " + attempt);
            assertThat(forUnknown).as("try %d", attempt).isEqualTo(forKnown);
        }
        assertThat(loginPageError(unknown, "wrong")).startsWith("Too many failed tries for this user name.");
    }

    @Test
    void aRefusalTakesAsLongForARealNameAsForAMadeUpOne() {
        for (String user : List.of(known, unknown, known, unknown)) {
            long started = System.nanoTime();
            assertThat(answer(user, "a wrong guess")).startsWith("401");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the refusal for %s", user)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(refusalMillis));
            moveClock(Duration.ofMinutes(1));
        }
    }

    /** Sends the same password under both names; answers the one answer they must share. */
    private String sameAnswer(String password) {
        String forKnown = answer(known, password);
        String forUnknown = answer(unknown, password);
        assertThat(forUnknown).as("the answer for a made-up name").isEqualTo(forKnown);
        return forKnown;
    }

    /** Status, detail and the login challenge of one API call with the credentials given. */
    private String answer(String user, String password) {
        HttpResponse<String> response = new Visitor(port).get("/api/datasets", "Authorization",
                Visitor.basic(user, password), "Accept", "application/json");
        if (response.statusCode() == 200) {
            return "200";
        }
        try {
            return response.statusCode() + " " + json.readTree(response.body()).path("detail").asText() + " "
                    + response.headers().firstValue("WWW-Authenticate").orElse("");
        } catch (Exception e) {
            throw new AssertionError("Not a problem: " + response.body(), e);
        }
    }

    /** What the login page says after a refused login through its form. */
    private String loginPageError(String user, String password) {
        Visitor browser = new Visitor(port);
        HttpResponse<String> refused = browser.logIn(user, password);
        assertThat(refused.statusCode()).isEqualTo(302);
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/login?error");
        String page = browser.get("/login?error", "Accept", "text/html").body();
        return Jsoup.parse(page).select(".alert--error").text();
    }

    private void moveClock(Duration by) {
        now = now.plus(by);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    private static long waitIn(String answer) {
        Matcher wait = WAIT.matcher(answer);
        assertThat(wait.find()).as("a wait in \"%s\"", answer).isTrue();
        return Long.parseLong(wait.group(1));
    }
}
