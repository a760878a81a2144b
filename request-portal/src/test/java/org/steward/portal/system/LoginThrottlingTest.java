package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/**
 * Failed logins hold further tries of the name from the same address back for a while, growing to a cap; nobody is
 * ever locked out for good, a stranger's failures never hold back the person's own address, and an admin lifts the
 * wait at once. The engine's clock stands still in these tests and is moved by hand.
 */
class LoginThrottlingTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern WAIT = Pattern.compile("Wait (\\d+) seconds?");

    @Autowired
    private PeopleService people;

    private String user;
    private Instant now;

    @BeforeEach
    void aThrowawayPersonAndAStoppedClock() {
        user = "throttle-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        people.createPerson(user, "Tess", "Throttle", user + "@example.org", PASSWORD);
        // Whole seconds, so a lock's expiry reads back exactly even where the database drops fractions.
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void afterWrongPasswordsTheRightOneWaitsUntilTheHoldIsOver() {
        ResponseEntity<String> first = logIn(PASSWORD + "!");
        assertThat(first.getStatusCode().value()).isEqualTo(401);
        assertThat(detail(first)).isEqualTo("The user name or password is wrong.");
        assertThat(logIn("hunter2").getStatusCode().value()).isEqualTo(401);
        assertThat(logIn("").getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> heldBack = logIn(PASSWORD);
        assertThat(heldBack.getStatusCode().value()).isEqualTo(401);
        assertThat(heldBack.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long seconds = waitIn(detail(heldBack));
        assertThat(seconds).isBetween(1L, 60L);
        assertThat(detail(heldBack)).contains("an admin can lift the wait");

        // Still held back one second before the wait is over...
        moveClock(Duration.ofSeconds(seconds - 1));
        assertThat(logIn(PASSWORD).getStatusCode().value()).isEqualTo(401);
        // ...and let in once it is.
        moveClock(Duration.ofSeconds(2));
        assertThat(logIn(PASSWORD).getStatusCode().value()).isEqualTo(200);
        assertThat(people.heldBackFor(user)).isEmpty();
    }

    @Test
    void manyMoreFailuresThanCamundasDefaultMaximumNeverLockAPersonOutForGood() {
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 15; attempt++) {
            ResponseEntity<String> failed = logIn("wrong guess " + attempt);
            assertThat(failed.getStatusCode().value()).as("try %d", attempt).isEqualTo(401);
            assertThat(detail(failed)).as("try %d", attempt).isEqualTo("The user name or password is wrong.");
            Duration wait = people.heldBackFor(user).orElseThrow(
                    () -> new AssertionError("No wait after a failed try: it was not counted"));
            waits.add(wait);
            moveClock(wait.plusSeconds(1));
        }
        // Every try counted: the wait grew with each until it reached the cap, and stayed there.
        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(3));
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i)).as("wait after try %d", i + 1).isGreaterThanOrEqualTo(waits.get(i - 1));
        }
        assertThat(waits.get(1)).isGreaterThan(waits.get(0));
        assertThat(waits.get(14)).isEqualTo(Duration.ofSeconds(60));

        moveClock(Duration.ofMinutes(2));
        assertThat(logIn(PASSWORD).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anAdminUnlockingAPersonLetsThemInAtOnce() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(logIn("wrong guess " + attempt).getStatusCode().value()).isEqualTo(401);
            moveClock(people.heldBackFor(user).orElseThrow().plusSeconds(1));
        }
        assertThat(logIn("one more wrong guess").getStatusCode().value()).isEqualTo(401);
        ResponseEntity<String> heldBack = logIn(PASSWORD);
        assertThat(heldBack.getStatusCode().value()).isEqualTo(401);
        assertThat(waitIn(detail(heldBack))).isGreaterThan(1);

        people.unlock(user);

        assertThat(logIn(PASSWORD).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aStrangersTwentyWrongTriesFromOneAddressDoNotHoldBackTheRightPasswordFromAnother() throws Exception {
        String stranger = "203.0.113.9";
        String person = "198.51.100.7";
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(basic(stranger, "wrong guess " + attempt).getResponse().getStatus()).as("try %d", attempt)
                    .isEqualTo(401);
            if (attempt < 20) {
                moveClock(people.heldBackFor(user).orElseThrow().plusSeconds(1));
            }
        }
        // The stranger's address is held back at the cap, even with the right password...
        assertThat(people.heldBackFor(user)).contains(Duration.ofSeconds(60));
        MvcResult strangerHeld = basic(stranger, PASSWORD);
        assertThat(strangerHeld.getResponse().getStatus()).isEqualTo(401);
        assertThat(strangerHeld.getResponse().getContentAsString()).contains("Too many failed tries");
        // ...the person's is not: the right password works at once, again and again.
        for (int call = 0; call < 3; call++) {
            assertThat(basic(person, PASSWORD).getResponse().getStatus()).isEqualTo(200);
        }
        // A wrong try of the person's own counts at their address only.
        assertThat(basic(person, "a typo of mine").getResponse().getStatus()).isEqualTo(401);
        assertThat(basic(person, PASSWORD).getResponse().getStatus()).isEqualTo(401);
        moveClock(Duration.ofSeconds(4));
        assertThat(basic(person, PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(basic(stranger, PASSWORD).getResponse().getStatus()).isEqualTo(401);

        people.unlock(user);
        assertThat(basic(stranger, PASSWORD).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void oneIpv6NetworkCountsAsOneAddress() throws Exception {
        assertThat(basic("2001:db8:5:7::a", "wrong guess").getResponse().getStatus()).isEqualTo(401);
        // The same /64, another address in it: held back; another network: not.
        assertThat(basic("2001:db8:5:7:ffff::1", PASSWORD).getResponse().getContentAsString())
                .contains("Too many failed tries");
        assertThat(basic("2001:db8:5:8::a", PASSWORD).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void behindAProxyTheAddressItNamesIsTheOneHeldBack() throws Exception {
        // The tests run as behind a proxy (server.forward-headers-strategy=native): Tomcat takes X-Forwarded-For from
        // a proxy on a private address such as 127.0.0.1, and from nobody else. Unset, as by default, it is ignored.
        assertThat(throughProxy("198.51.100.77", "wrong guess").getStatusCode().value()).isEqualTo(401);
        assertThat(throughProxy("198.51.100.77", PASSWORD).getBody()).contains("Too many failed tries");
        assertThat(basic("198.51.100.77", PASSWORD).getResponse().getContentAsString())
                .contains("Too many failed tries");
        assertThat(throughProxy("198.51.100.78", PASSWORD).getStatusCode().value()).isEqualTo(200);
        assertThat(logIn(PASSWORD).getStatusCode().value()).as("the proxy's own address").isEqualTo(200);
    }

    private ResponseEntity<String> throughProxy(String client, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", client);
        headers.setBasicAuth(user, password);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return http.exchange("/api/datasets", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** An API call with HTTP Basic from the address given, as the servlet container would report it. */
    private MvcResult basic(String address, String password) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/api/datasets").with(httpBasic(user, password))
                .accept(MediaType.APPLICATION_JSON).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn();
    }

    private ResponseEntity<String> logIn(String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return http.exchange("/api/datasets", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private void moveClock(Duration by) {
        now = now.plus(by);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    private String detail(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody()).get("detail").asText();
        } catch (Exception e) {
            throw new AssertionError("Not a problem: " + response.getBody(), e);
        }
    }

    private static long waitIn(String detail) {
        Matcher wait = WAIT.matcher(detail);
        assertThat(wait.find()).as("a wait in \"%s\"", detail).isTrue();
        return Long.parseLong(wait.group(1));
    }
}
