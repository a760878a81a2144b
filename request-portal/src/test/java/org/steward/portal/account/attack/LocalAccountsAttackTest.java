package org.steward.portal.account.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.steward.portal.LoggedInSession;
import org.steward.portal.admin.AdminPageSupport;
import org.steward.workflow.people.PeopleService;

/**
 * Attacks on local accounts (issue 16): the login throttle, the memory of Basic passwords, the policy, changing one's
 * password, temporary passwords and the hash upgrade. Every test asserts the safe behaviour; each uses people of its
 * own, never the shared demo people's passwords.
 */
class LocalAccountsAttackTest extends AdminPageSupport {

    private static final String OWN = "purple kettles whistle at dawn";
    private static final String SECOND = "seven amber lanterns by the river";

    @Autowired
    private IdentityService identity;

    @Autowired
    private JdbcTemplate jdbc;

    private final List<String> made = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void liftWaits() {
        made.forEach(people::unlock);
    }

    private String person(String... groups) {
        String user = "atk-" + fresh();
        people.createPerson(user, "Ada", "Attack", user + "@example.org", OWN);
        people.addToGroup(user, "staff-cd");
        for (String group : groups) {
            people.addToGroup(user, group);
        }
        made.add(user);
        return user;
    }

    /** A raw HTTP call through Tomcat, the path sent exactly as written. */
    private HttpResponse<String> raw(String method, String path, String user, String password, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> basicGet(String path, String user, String password) throws Exception {
        return raw("GET", path, user, password, null, Map.of());
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private int apiStatus(String user, String password, String address) throws Exception {
        return mvc.perform(page("/api/datasets").with(httpBasic(user, password)).with(from(address))).andReturn()
                .getResponse().getStatus();
    }

    private String apiBody(String user, String password, String address) throws Exception {
        return mvc.perform(page("/api/datasets").with(httpBasic(user, password)).with(from(address))).andReturn()
                .getResponse().getContentAsString();
    }

    /** Runs the tasks on threads of their own, all released at the same instant. */
    private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- The throttle: who is held back, and from where

    @Test
    void aStrangersFailuresHoldBackOnlyTheStrangersAddress() throws Exception {
        String user = person();
        assertThat(apiStatus(user, "a stranger's guess one", "203.0.113.7")).isEqualTo(401);
        assertThat(apiBody(user, OWN, "203.0.113.7")).as("the stranger's address is held back").contains("Wait");
        assertThat(apiStatus(user, OWN, "198.51.100.9")).as("the person, from their own address").isEqualTo(200);
    }

    @Test
    void aForgedForwardedForDoesNotChangeTheAddressCountedByTheApplication() throws Exception {
        // MockMvc has no Tomcat valve: what the application itself makes of X-Forwarded-For.
        String user = person();
        mvc.perform(page("/api/datasets").with(httpBasic(user, "guess from a")).with(from("203.0.113.8"))
                .header("X-Forwarded-For", "198.51.100.1")).andExpect(status().isUnauthorized());
        String body = mvc.perform(page("/api/datasets").with(httpBasic(user, OWN)).with(from("203.0.113.8"))
                .header("X-Forwarded-For", "198.51.100.2")).andReturn().getResponse().getContentAsString();
        assertThat(body).as("a new forged address does not escape the hold").contains("Wait");
    }

    @Test
    void ipv6AddressesOfOneNetworkCountAsOne() throws Exception {
        String user = person();
        assertThat(apiStatus(user, "guess from v6", "2001:db8:5:6::1")).isEqualTo(401);
        assertThat(apiBody(user, OWN, "2001:db8:5:6:ffff:ffff:ffff:fffe")).as("same /64").contains("Wait");
        assertThat(apiBody(user, OWN, "2001:0DB8:0005:0006:0:0:0:abcd")).as("same /64, spelt long").contains("Wait");
        assertThat(apiBody(user, OWN, "2001:db8:5:6::9%eth0")).as("same /64 with a zone").contains("Wait");
        assertThat(apiStatus(user, OWN, "2001:db8:5:7::1")).as("another /64").isEqualTo(200);
        String other = person();
        assertThat(apiStatus(other, "guess from v4", "192.0.2.44")).isEqualTo(401);
        assertThat(apiBody(other, OWN, "::ffff:192.0.2.44")).as("IPv4-mapped is the same address").contains("Wait");
    }

    @Test
    void unknownNamesAreAnsweredLikeRealOnes() throws Exception {
        String user = person("camunda-admin");
        String nobody = "atk-" + fresh();
        made.add(nobody);
        for (String path : List.of("/api/datasets", "/engine-rest/engine")) {
            for (int round = 0; round < 2; round++) {
                HttpResponse<String> real = basicGet(path, user, "wrong guess " + round);
                HttpResponse<String> fake = basicGet(path, nobody, "wrong guess " + round);
                assertThat(fake.statusCode()).as(path + " status, round " + round).isEqualTo(real.statusCode());
                // The wait left is rounded to whole seconds and the fake try came a moment later: compare without it.
                assertThat(fake.body().replaceAll("Wait \\d+ seconds?", "Wait N"))
                        .as(path + " body, round " + round)
                        .isEqualTo(real.body().replaceAll("Wait \\d+ seconds?", "Wait N"));
                assertThat(fake.headers().allValues("WWW-Authenticate"))
                        .isEqualTo(real.headers().allValues("WWW-Authenticate"));
            }
            people.unlock(user);
            people.unlock(nobody);
            // Timing, after a warm-up: the median of a few checked (not held back) tries each.
            List<Long> realMs = new ArrayList<>();
            List<Long> fakeMs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long t0 = System.nanoTime();
                basicGet(path, user, "timed guess " + i);
                long t1 = System.nanoTime();
                basicGet(path, nobody, "timed guess " + i);
                long t2 = System.nanoTime();
                people.unlock(user);
                people.unlock(nobody);
                if (i > 0) {
                    realMs.add((t1 - t0) / 1_000_000);
                    fakeMs.add((t2 - t1) / 1_000_000);
                }
            }
            realMs.sort(null);
            fakeMs.sort(null);
            long realMedian = realMs.get(realMs.size() / 2);
            long fakeMedian = fakeMs.get(fakeMs.size() / 2);
            assertThat(Math.abs(realMedian - fakeMedian)).as(path + " median " + realMedian + " vs " + fakeMedian
                    + " ms; all " + realMs + " vs " + fakeMs).isLessThan(60);
        }
        MvcResult realForm = mvc.perform(formLogin("/login").user(user).password("wrong form guess")).andReturn();
        MvcResult madeForm = mvc.perform(formLogin("/login").user(nobody).password("wrong form guess")).andReturn();
        assertThat(madeForm.getResponse().getStatus()).isEqualTo(realForm.getResponse().getStatus());
        assertThat(madeForm.getResponse().getRedirectedUrl()).isEqualTo(realForm.getResponse().getRedirectedUrl());
    }

    @Test
    void rightLoginsFromHomeGoThroughWhileAStrangerHammersInParallel() throws Exception {
        String user = person();
        List<Callable<Integer>> tries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String guess = "hammer " + i;
            tries.add(() -> raw("GET", "/api/datasets", user, guess, null, Map.of("X-Forwarded-For", "203.0.113.30"))
                    .statusCode() == 401 ? -1 : -2);
            tries.add(() -> raw("GET", "/api/datasets", user, OWN, null, Map.of("X-Forwarded-For", "198.51.100.30"))
                    .statusCode());
        }
        List<Integer> results = together(tries);
        assertThat(results).doesNotContain(-2).filteredOn(s -> s >= 0).hasSize(10).allMatch(s -> s == 200);
    }

    // ---- The memory of Basic passwords

    @Test
    void anOldPasswordStopsWorkingOnBasicAtOnce() throws Exception {
        String user = person("camunda-admin");
        assertThat(basicGet("/api/datasets", user, OWN).statusCode()).isEqualTo(200);
        assertThat(basicGet("/engine-rest/engine", user, OWN).statusCode()).isEqualTo(200);
        String change = json.writeValueAsString(Map.of("currentPassword", OWN, "newPassword", SECOND,
                "confirmation", SECOND));
        assertThat(raw("POST", "/api/account/password", user, OWN, change, Map.of()).statusCode()).isEqualTo(204);
        assertThat(basicGet("/api/datasets", user, OWN).statusCode()).as("old password after a change").isEqualTo(401);
        people.unlock(user);
        assertThat(basicGet("/engine-rest/engine", user, OWN).statusCode()).isEqualTo(401);
        people.unlock(user);
        assertThat(basicGet("/engine-rest/engine", user, SECOND).statusCode()).isEqualTo(200);

        people.resetPassword(ADMIN, user, "temporary words for tuesday");
        assertThat(basicGet("/engine-rest/engine", user, SECOND).statusCode()).as("after a reset").isEqualTo(401);
        people.unlock(user);
        people.changeOwnPassword(people.find(user).orElseThrow(), new PeopleService.PasswordChange(
                "temporary words for tuesday", OWN, OWN), "127.0.0.9", "api");
        assertThat(basicGet("/engine-rest/engine", user, OWN).statusCode()).isEqualTo(200);
        identity.deleteMembership(user, "camunda-admin");
        assertThat(basicGet("/engine-rest/engine", user, OWN).statusCode()).as("after leaving the group")
                .isEqualTo(403);
    }

    @Test
    void nameVariantsAndPasswordBytesDoNotLogIn() throws Exception {
        String user = person();
        String upper = user.toUpperCase(java.util.Locale.ROOT);
        int n = 0;
        for (String variant : List.of(upper, user + " ", " " + user, user + "\u0000", user + "\t")) {
            assertThat(apiStatus(variant, OWN, "192.0.2." + (100 + n++))).as("name [" + variant + "]")
                    .isEqualTo(401);
        }
        String longOne = "x".repeat(75) + "-tail-one";
        String longTwo = "x".repeat(75) + "-tail-two";
        String nul = "before the null\u0000after it";
        String p1 = person();
        people.setPassword(p1, longOne);
        assertThat(people.authenticate(p1, longTwo, "192.0.2.150").succeeded()).as("beyond byte 72").isFalse();
        assertThat(people.authenticate(p1, longOne, "192.0.2.151").succeeded()).isTrue();
        people.setPassword(p1, nul);
        assertThat(people.authenticate(p1, "before the null", "192.0.2.152").succeeded()).as("cut at NUL").isFalse();
        assertThat(people.authenticate(p1, nul, "192.0.2.153").succeeded()).isTrue();
        String composed = "caf\u00e9 au lait et croissant";
        people.setPassword(p1, composed);
        assertThat(people.authenticate(p1, "cafe au lait et croissant", "192.0.2.154").succeeded()).isFalse();
    }

    // ---- The password policy, on the API and the page

    private int change(String user, String current, String next) throws Exception {
        String body = json.writeValueAsString(Map.of("currentPassword", current, "newPassword", next,
                "confirmation", next));
        return raw("POST", "/api/account/password", user, current, body, Map.of()).statusCode();
    }

    @Test
    void thePolicyRefusesWeakPasswordsOnTheApi() throws Exception {
        String user = person();
        assertThat(change(user, OWN, "short pass")).as("under 12").isEqualTo(400);
        assertThat(change(user, OWN, "My " + user.toUpperCase(java.util.Locale.ROOT) + " passphrase"))
                .as("user name in upper case").isEqualTo(400);
        assertThat(change(user, OWN, "Q1W2E3R4T5Y6")).as("common, upper case").isEqualTo(400);
        assertThat(change(user, OWN, "a".repeat(256))).as("256 characters").isEqualTo(400);
        assertThat(change(user, OWN, "\uD83D\uDE00".repeat(256))).as("256 code points of 2 chars").isEqualTo(400);
        assertThat(change(user, OWN, " q1w2e3r4t5y6 ")).as("common, padded with spaces").isEqualTo(400);
        assertThat(change(user, OWN, "q1w2e3r4t5y6\t")).as("common, with a tab").isEqualTo(400);
        assertThat(people.authenticate(user, OWN, "192.0.2.160").succeeded()).as("still the old one").isTrue();
    }

    @Test
    void thePolicyRefusesWeakPasswordsOnThePage() throws Exception {
        String user = person();
        LoggedInSession session = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(OWN))
                .andReturn());
        for (String weak : List.of("short", "Q1W2E3R4T5Y6", "the " + user + " secret words", " q1w2e3r4t5y6 ")) {
            int code = mvc.perform(form("/account/password").with(session).with(csrf())
                    .param("currentPassword", OWN).param("newPassword", weak).param("confirmation", weak)).andReturn()
                    .getResponse().getStatus();
            assertThat(code).as("page refuses [" + weak + "] (302 = taken)").isEqualTo(200);
        }
        assertThat(people.authenticate(user, OWN, "192.0.2.161").succeeded()).isTrue();
    }

    // ---- Changing one's password

    @Test
    void wrongCurrentPasswordsAreThrottledAndCsrfIsNeeded() throws Exception {
        String user = person();
        String body = json.writeValueAsString(Map.of("currentPassword", "", "newPassword", SECOND,
                "confirmation", SECOND));
        assertThat(raw("POST", "/api/account/password", user, OWN, body, Map.of()).statusCode()).isEqualTo(400);
        // A stolen session (no password known) guessing the current one through the page.
        LoggedInSession session = LoggedInSession.from(mvc.perform(form("/login").param("username", user).param("password", OWN)
                .with(csrf()).with(from("198.51.100.40"))).andReturn());
        String first = mvc.perform(form("/account/password").with(session).with(csrf()).with(from("198.51.100.40"))
                .param("currentPassword", "guess one of many").param("newPassword", SECOND)
                .param("confirmation", SECOND)).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("This is not your current password.");
        String second = mvc.perform(form("/account/password").with(session).with(csrf()).with(from("198.51.100.40"))
                .param("currentPassword", OWN).param("newPassword", SECOND).param("confirmation", SECOND))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).as("right after a wrong one, even the right one waits").contains("Too many wrong passwords");
        people.unlock(user);
        mvc.perform(form("/account/password").with(session).with(from("198.51.100.40")).param("currentPassword", OWN)
                .param("newPassword", SECOND).param("confirmation", SECOND)).andExpect(status().isForbidden());
        assertThat(people.authenticate(user, OWN, "192.0.2.170").succeeded()).isTrue();
    }

    @Test
    void nobodyChangesAnotherPersonsPassword() throws Exception {
        String attacker = person();
        String victim = person();
        String body = json.writeValueAsString(Map.of("currentPassword", OWN, "newPassword", SECOND,
                "confirmation", SECOND, "userId", victim, "id", victim, "user", victim));
        raw("POST", "/api/account/password?userId=" + victim, attacker, OWN, body, Map.of());
        LoggedInSession session = LoggedInSession.from(mvc.perform(formLogin("/login").user(attacker)
                .password(SECOND)).andReturn());
        mvc.perform(form("/account/password").with(session).with(csrf()).param("userId", victim)
                .param("id", victim).param("currentPassword", SECOND).param("newPassword", OWN + " again")
                .param("confirmation", OWN + " again"));
        assertThat(people.authenticate(victim, OWN, "192.0.2.171").succeeded()).as("the victim's own").isTrue();
    }

    // ---- Temporary passwords

    @Test
    void withATemporaryPasswordNothingButTheAccountWorks() throws Exception {
        String user = person("camunda-admin", "admins");
        String temporary = "temporary words for friday";
        LoggedInSession before = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(OWN))
                .andReturn());
        mvc.perform(page("/api/datasets").with(before)).andExpect(status().isOk());
        String nonAdmin = person();
        mvc.perform(form("/admin/people/" + user + "/password").with(httpBasic(nonAdmin, OWN)).with(csrf())
                .param("password", temporary)).andExpect(status().isForbidden());
        assertThat(people.mustChangePassword(user)).isFalse();

        mvc.perform(form("/admin/people/" + user + "/password").with(admin()).with(csrf()).param("password", temporary))
                .andExpect(status().isFound());
        assertThat(mvc.perform(page("/api/datasets").with(before)).andReturn().getResponse().getStatus())
                .as("the session from before the reset").isNotEqualTo(200);

        List<String> closed = new ArrayList<>();
        String[][] calls = {
            {"GET", "/api/requests"}, {"HEAD", "/api/requests"}, {"OPTIONS", "/api/requests"},
            {"GET", "/engine-rest/engine"}, {"GET", "/engine-rest/user/count"}, {"OPTIONS", "/engine-rest/engine"},
            {"GET", "/camunda/app/cockpit/default/"}, {"GET", "/camunda/api/engine/engine/"},
            {"GET", "/admin/people"}, {"GET", "/admin/people/" + user}, {"GET", "/actuator/metrics"},
            {"GET", "/api/account/password/../../requests"}, {"GET", "/account/..;/admin/people"},
            {"GET", "/account/%2e%2e/admin/people"}, {"GET", "/account;x=1/../admin/people"},
            {"GET", "/css/../api/requests"}, {"GET", "/webjars/%2e%2e/api/requests"}, {"GET", "/api/requests/"},
            {"GET", "/api/requests;x=1"}, {"GET", "/API/requests"}, {"GET", "/api//requests"},
            {"GET", "/api/account/password;/../../requests"}, {"GET", "/error?path=/api/requests"},
            {"POST", "/api/requests"}, {"GET", "/requests"}, {"GET", "/"},
        };
        for (String[] call : calls) {
            HttpResponse<String> answer = raw(call[0], call[1], user, temporary, call[0].equals("POST") ? "{}" : null,
                    Map.of());
            int code = answer.statusCode();
            if (code >= 200 && code < 300) {
                closed.add(call[0] + " " + call[1] + " -> " + code + " " + answer.body().substring(0,
                        Math.min(120, answer.body().length())));
            }
        }
        assertThat(closed).as("answered 2xx with a temporary password").isEmpty();

        LoggedInSession after = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(temporary))
                .andReturn());
        assertThat(mvc.perform(page("/admin/people").with(after)).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/account");
        mvc.perform(page("/api/requests").with(after)).andExpect(status().isForbidden());
        mvc.perform(form("/admin/people/" + nonAdmin + "/password").with(after).with(csrf())
                .param("password", "what the half-reset admin sets")).andExpect(status().isForbidden());
        assertThat(people.mustChangePassword(nonAdmin)).isFalse();
    }

    // ---- The hash upgrade

    @Test
    void anOldHashUpgradesOnlyOnTheRightPasswordEvenInParallel() throws Exception {
        String user = person();
        String salt = "c2FsdGVkSW5UaGVPbGREYXlz";
        jdbc.update("UPDATE ACT_ID_USER SET PWD_ = ?, SALT_ = ? WHERE ID_ = ?",
                "{SHA-512}" + new Sha512HashDigest().encrypt(OWN + salt), salt, user);
        assertThat(people.authenticate(user, "not it at all", "192.0.2.180").succeeded()).isFalse();
        assertThat(jdbc.queryForObject("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = ?", String.class, user))
                .startsWith("{SHA-512}");
        List<Callable<Integer>> logins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            logins.add(() -> basicGet("/api/datasets", user, OWN).statusCode());
        }
        assertThat(together(logins)).allMatch(s -> s == 200);
        assertThat(jdbc.queryForObject("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = ?", String.class, user))
                .startsWith("{bcrypt}");
        assertThat(identity.checkPassword(user, OWN)).isTrue();
        assertThat(identity.checkPassword(user, OWN + "x")).isFalse();
        assertThat(basicGet("/api/datasets", user, OWN).statusCode()).isEqualTo(200);
    }

    @Test
    void theEnginesApiSetsNoPasswordAroundThePolicy() throws Exception {
        String user = person("camunda-admin");
        String victim = person();
        String weak = json.writeValueAsString(Map.of("password", "short", "authenticatedUserPassword", OWN));
        LoggedInSession victimSession = LoggedInSession.from(mvc.perform(formLogin("/login").user(victim)
                .password(OWN)).andReturn());
        // Another's first: once their own is changed, the call's Basic credentials would be out of date.
        int other = raw("PUT", "/engine-rest/user/" + victim + "/credentials", user, OWN, weak, Map.of()).statusCode();
        int own = raw("PUT", "/engine-rest/user/" + user + "/credentials", user, OWN, weak, Map.of()).statusCode();
        List<String> through = new ArrayList<>();
        if (people.authenticate(user, "short", "192.0.2.190").succeeded()) {
            through.add("own password set to 'short' by PUT /engine-rest/user/" + user + "/credentials (" + own + ")");
        }
        if (people.authenticate(victim, "short", "192.0.2.191").succeeded()) {
            through.add("another person's password set to 'short' (" + other + "); must change: "
                    + people.mustChangePassword(victim) + "; their session from before answers "
                    + mvc.perform(page("/api/datasets").with(victimSession)).andReturn().getResponse().getStatus());
        }
        assertThat(through).as("passwords set around the policy through the engine's API").isEmpty();
    }

    @Test
    void changingOnesPasswordEndsTheOtherSessions() throws Exception {
        String user = person();
        LoggedInSession stolen = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(OWN))
                .andReturn());
        LoggedInSession mine = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(OWN))
                .andReturn());
        mvc.perform(form("/account/password").with(mine).with(csrf()).param("currentPassword", OWN)
                .param("newPassword", SECOND).param("confirmation", SECOND)).andExpect(status().isFound());
        assertThat(mvc.perform(page("/api/datasets").with(stolen)).andReturn().getResponse().getStatus())
                .as("the other session").isNotEqualTo(200);
    }

    /**
     * Behind the documented proxy set-up (server.forward-headers-strategy=native, as this test context runs, with
     * 127.0.0.1 as the proxy): the proxy appends the address it saw. A client on the city's own network (a private
     * address, which Tomcat's default internal-proxies also trusts) can put any address before it.
     */
    @Test
    void aClientOnAPrivateAddressBehindTheProxyCannotChooseTheAddressCounted() throws Exception {
        String user = person();
        List<String> through = new ArrayList<>();
        // Rotating: each guess names a new address before the proxy's entry for the client (10.9.9.9).
        for (int i = 1; i <= 6; i++) {
            HttpResponse<String> answer = raw("GET", "/api/datasets", user, "rotating guess " + i, null,
                    Map.of("X-Forwarded-For", "198.51.100." + i + ", 10.9.9.9"));
            if (i > 1 && answer.body().contains("wrong")) {
                through.add("guess " + i + " checked, not held back");
            }
        }
        people.unlock(user);
        // Naming the person's own address (10.20.30.40, on the city's network) holds the person back.
        raw("GET", "/api/datasets", user, "a stranger's guess", null,
                Map.of("X-Forwarded-For", "10.20.30.40, 10.9.9.9"));
        HttpResponse<String> victim = raw("GET", "/api/datasets", user, OWN, null,
                Map.of("X-Forwarded-For", "10.20.30.40"));
        if (victim.statusCode() != 200) {
            through.add("the person at 10.20.30.40 refused with the right password: " + victim.body());
        }
        assertThat(through).as("the address counted, chosen by the client").isEmpty();
    }
}
