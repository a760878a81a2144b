package org.steward.portal.security.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.notifications.preference.StatusTopic;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.FilePart;
import org.steward.portal.security.suite.Client.Reply;

/**
 * Cross-site request forgery on every state change, read from the application's own mappings: a logged-in browser's
 * POST, PUT or DELETE without its CSRF token is refused (403) and changes nothing, and with the token it reaches the
 * page or API behind it; the engine's REST API never takes the portal's session cookie; and a call from another
 * site's page, which a browser would send with the person's credentials, is refused by its Origin.
 */
class CsrfEverywhereTest extends SuiteSupport {

    private static final String EVIL = "http://evil.example";

    /** A value of each path variable that names nothing, so that the handler behind a call answers 404 or similar. */
    private static final Map<String, String> NOTHING = Map.ofEntries(Map.entry("reference", "DR-1999-0001"),
            Map.entry("id", "999999999"), Map.entry("draftId", "999999999"), Map.entry("attachmentId", "999999999"),
            Map.entry("number", "DSA-1999-0001"), Map.entry("token", "no-such-token-" + "z".repeat(30)),
            Map.entry("userId", "nobody-of-that-name"), Map.entry("code", "NO-SUCH-CODE"),
            Map.entry("definitionId", "no-such-process:1:0"), Map.entry("deploymentId", "no-such-deployment"),
            Map.entry("fileName", "no-such-model.bpmn"), Map.entry("key", "no-such-process"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyStateChangeFromABrowserNeedsItsTokenAndChangesNothingWithoutIt() {
        Set<String> writes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS) {
                    info.getPatternValues().forEach(pattern -> writes.add(method.name() + " " + pattern));
                }
            }
        });
        assertThat(writes).as("the application has state changes to check").hasSizeGreaterThan(30);

        List<String> failures = new ArrayList<>();
        for (String key : writes) {
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1);
            for (Map.Entry<String, String> nothing : NOTHING.entrySet()) {
                path = path.replace("{" + nothing.getKey() + "}", nothing.getValue());
            }
            assertThat(path).as("a value for every variable of %s", key).doesNotContain("{");
            // Admins for admin pages, nobody for email and signing links (a browser with an anonymous session), Alex
            // for everything else, the API included: a session is a session, wherever it calls.
            String who = path.startsWith("/admin") ? "admin"
                    : path.startsWith("/act/") || path.startsWith("/sign/") ? ANONYMOUS : "alex";
            Client browser = browser(who);
            // Alex's email choices as they are (every topic), so that the accepted call changes nothing for others.
            Body body = path.startsWith("/api/") ? Body.json("{}") : path.equals("/settings/email")
                    ? Body.form(java.util.Arrays.stream(StatusTopic.values()).map(t -> List.of("topics", t.name()))
                            .toList())
                    : Body.form(Map.of());

            String before = world();
            Reply without = browser.send(method, path, body, Map.of());
            String after = world();
            if (without.status() != 403) {
                failures.add(key + " as " + who + " without the token: " + without.status() + " " + without.location());
            }
            if (!after.equals(before)) {
                failures.add(key + " as " + who + " without the token changed " + changes(before, after));
            }
            Reply with = path.startsWith("/api/")
                    ? browser.send(method, path, body, Map.of("X-CSRF-TOKEN", browser.csrf()))
                    : browser.send(method, path, body.with("_csrf", browser.csrf()), Map.of());
            if (with.status() == 403 || with.status() >= 500 || with.location().endsWith("/login")) {
                failures.add(key + " as " + who + " with the token: " + with.status() + " " + with.location());
            }
        }
        System.out.printf("CSRF: %d state changes checked without and with the token, %d problems%n", writes.size(),
                failures.size());
        failures.forEach(f -> System.out.println("  CSRF " + f));
        assertThat(failures).isEmpty();
    }

    @Test
    void aCommentWithoutTheTokenIsNotPostedAndWithItIs() {
        String reference = submitAs("alex", "CSRF: a comment", "PW-STREET-CENTERLINES");
        Client alex = browser("alex");
        int comments = commentsOn(reference);

        Reply forged = alex.send("POST", "/requests/" + reference + "/comments",
                Body.form(Map.of("body", "Posted by another site")), Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(commentsOn(reference)).isEqualTo(comments);

        Reply typed = alex.send("POST", "/requests/" + reference + "/comments",
                Body.form(Map.of("body", "Typed by Alex", "_csrf", alex.csrf())), Map.of());
        assertThat(typed.status()).isEqualTo(302);
        assertThat(commentsOn(reference)).isEqualTo(comments + 1);
    }

    @Test
    void theEngineRestApiNeverTakesTheSessionCookie() {
        Client admin = browser("admin");
        SoftAssertions soft = new SoftAssertions();
        Reply read = sendWithCookies(admin, "GET", "/engine-rest/engine", null, Map.of());
        soft.assertThat(read.status()).as("GET /engine-rest/engine with the admin's session cookie only: %s",
                read.text()).isEqualTo(401);
        soft.assertThat(Client.nobody(port).get("/engine-rest/engine").status()).as("with nothing").isEqualTo(401);

        String before = world();
        Reply deploy = sendWithCookies(admin, "POST", "/engine-rest/deployment/create", deployment(), Map.of());
        soft.assertThat(deploy.status()).as("a deployment with the admin's session cookie only: %s", deploy.text())
                .isEqualTo(401);
        soft.assertThat(world()).as("nothing deployed with the cookie").isEqualTo(before);
        soft.assertAll();
    }

    @Test
    void anotherSitesPageCannotChangeAnythingWithThePersonsCredentials() {
        SoftAssertions soft = new SoftAssertions();
        // HTTP Basic as a browser sends it once a person typed their password into its prompt: with every request to
        // the site, including a form another site's page posts.
        Client adminBasic = Client.basic(port, "admin");
        String before = world();
        Reply foreignDeploy = adminBasic.send("POST", "/engine-rest/deployment/create", deployment(),
                Map.of("Origin", EVIL));
        soft.assertThat(foreignDeploy.status()).as("a deployment posted from %s: %s", EVIL, foreignDeploy.text())
                .isEqualTo(403);
        soft.assertThat(world()).as("nothing deployed from %s", EVIL).isEqualTo(before);

        String reference = submitAs("alex", "CSRF: a comment from another site", "PW-STREET-CENTERLINES");
        int comments = commentsOn(reference);
        Reply foreignComment = Client.basic(port, "alex").send("POST", "/requests/" + reference + "/comments",
                Body.form(Map.of("body", "Posted by another site")), Map.of("Origin", EVIL));
        soft.assertThat(foreignComment.status()).as("a comment posted from %s with Alex's credentials", EVIL)
                .isEqualTo(403);
        soft.assertThat(commentsOn(reference)).as("comments after the post from %s", EVIL).isEqualTo(comments);

        // The Modeler, a desktop program, sends no Origin; the portal's own pages send their own.
        Reply modeler = adminBasic.send("POST", "/engine-rest/deployment/create", deployment(), Map.of());
        soft.assertThat(modeler.status()).as("the Modeler's deployment: %s", modeler.text()).isEqualTo(200);
        Reply sameSite = adminBasic.send("POST", "/engine-rest/deployment/create", deployment(),
                Map.of("Origin", "http://localhost:" + port));
        soft.assertThat(sameSite.status()).as("a deployment from the portal's own origin: %s", sameSite.text())
                .isEqualTo(200);
        soft.assertAll();
    }

    private Reply sendWithCookies(Client from, String method, String path, Body body, Map<String, String> headers) {
        Client bare = Client.nobody(port);
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Cookie", from.cookieHeader());
        return bare.send(method, path, body, all);
    }

    private static Body deployment() {
        return Body.multipart(Client.pairs("deployment-name", "csrf-probe"), List.of(new FilePart("data",
                "csrf-probe.bpmn", "application/octet-stream",
                probeModel(fresh("csrf-probe")).getBytes(StandardCharsets.UTF_8))));
    }

    private int commentsOn(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_comment WHERE request_reference = ?", Integer.class,
                reference);
    }
}
