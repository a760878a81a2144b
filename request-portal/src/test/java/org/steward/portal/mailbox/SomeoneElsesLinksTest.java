package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.mail.Mails;

/**
 * Nobody acts through another person's link. The admin who reads sam's task email in the mailbox, for support, finds
 * no token in any page (the list, the email's page, its HTML, the outbox), and posting whatever looks like one
 * decides nothing; even sam's real link, opened by someone logged in as another person, only says whose it is. sam,
 * logged in or not, still decides with it, and the history names him.
 */
class SomeoneElsesLinksTest extends EmailPageSupport {

    @Autowired
    private LinkRemover remover;

    private static final String NOTE = "Action link removed: only Sam Sorensen can use it from their own mailbox";
    /** Anything an attacker would try as a token: after /act/, or a long run of a token's characters. */
    private static final Pattern AFTER_ACT = Pattern.compile("/act/([^\\s\"'<>&]+)");
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{30,}");

    @Test
    void theAdminReadsSamsTaskEmailWithEveryLinkReplacedByANote_andNothingInItDecidesForSam() throws Exception {
        String reference = submit("Work orders the admin must not approve", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        Map<String, String> samsLinks = Mails.awaitOne("sam@example.org", reference).actions();
        assertThat(samsLinks).containsOnlyKeys("Approve", "Reject", "Ask for changes");
        List<String> before = timeline(reference);

        // The admin's route: the mailbox, sam's email in it, its page and its HTML, as a browser logged in gets them.
        LoggedInSession admin = logIn("admin");
        String listHtml = body(get(admin, "/dev/mailbox"), 200);
        Element row = Jsoup.parse(listHtml).select("#emails tbody tr").stream()
                .filter(r -> r.text().contains("<sam@example.org>") && r.text().contains(reference)).findFirst()
                .orElseThrow();
        assertThat(row.select("td[data-label=Action links]").text())
                .isEqualTo("Removed: only Sam Sorensen can use them");
        String path = row.selectFirst("td[data-label=Subject] a").attr("href");
        String pageHtml = body(get(admin, path), 200);
        String emailHtml = body(get(admin, path + "/html"), 200);

        // Every action link is a note in plain words, in the text and in the HTML, made on the server.
        Document page = Jsoup.parse(pageHtml);
        assertThat(page.getElementById("links-removed").text()).isEqualTo("This email was sent to Sam Sorensen, not "
                + "to you: you read it for support. Any action or signing link in it is removed: only Sam Sorensen "
                + "can use it, from their own mailbox, and what is decided through it is recorded as theirs.");
        assertThat(page.getElementById("email-text").wholeText()).contains("Approve: [" + NOTE + "]")
                .contains("Reject: [" + NOTE + "]").contains("Ask for changes: [" + NOTE + "]")
                .contains("Read the whole request: http://localhost:" + port + "/requests/" + reference);
        Document email = Jsoup.parse(emailHtml);
        assertThat(email.select("a").eachText()).doesNotContain("Approve", "Reject", "Ask for changes")
                .contains("Read the whole request", "Open the task in the portal");
        assertThat(email.select("a[href]").eachAttr("href")).noneMatch(href -> href.contains("/act/"));
        assertThat(email.text()).contains("[Approve] " + NOTE + ".").contains("[Reject] " + NOTE + ".")
                .contains("[Ask for changes] " + NOTE + ".");

        // No token of sam's anywhere the admin looked, nor on the admins' outbox pages.
        String outboxHtml = body(get(admin, "/admin/emails"), 200);
        assertThat(outboxHtml).contains("Waiting for you: Approve as data steward on " + reference);
        String adminHomeHtml = body(get(admin, "/admin"), 200);
        List<String> everythingSeen = List.of(listHtml, pageHtml, emailHtml, outboxHtml, adminHomeHtml);
        for (String seen : everythingSeen) {
            assertThat(seen).doesNotContain("/act/");
            samsLinks.values().forEach(link -> assertThat(seen).doesNotContain(token(link)));
        }

        // Whatever looks like a token is tried, logged in as the admin and as nobody: nothing is decided.
        Set<String> tried = new LinkedHashSet<>(List.of("x"));
        for (String seen : everythingSeen) {
            collect(AFTER_ACT.matcher(seen), 1, tried);
            collect(TOKEN_LIKE.matcher(seen), 0, tried);
        }
        for (String candidate : tried) {
            for (boolean loggedIn : List.of(true, false)) {
                var post = MockMvcRequestBuilders.post("/act/{token}", candidate).with(csrf())
                        .param("comment", "Approved by the admin");
                MockHttpServletResponse answer = mvc.perform(loggedIn ? post.with(admin) : post).andReturn()
                        .getResponse();
                assertThat(answer.getStatus()).as("POST /act/%s", candidate).isNotEqualTo(200);
                assertThat(Jsoup.parse(answer.getContentAsString(StandardCharsets.UTF_8)).select("h1").text())
                        .isNotEqualTo("Done");
            }
        }

        // Even holding sam's real link, the admin logged in is told whose it is; the form is not there, a post of it
        // records nothing.
        String approve = URI.create(samsLinks.get("Approve")).getPath();
        for (MockHttpServletResponse answer : List.of(get(admin, approve),
                mvc.perform(MockMvcRequestBuilders.post(approve).with(admin).with(csrf())
                        .param("comment", "Approved by the admin")).andReturn().getResponse())) {
            Document refused = Jsoup.parse(body(answer, 403));
            assertThat(refused.select("h1").text()).isEqualTo("This link was sent to someone else");
            assertThat(refused.getElementById("not-yours").text()).isEqualTo("This link was sent to Sam Sorensen, and "
                    + "only they can decide with it: the request's history would say Sam Sorensen decided, from their "
                    + "email. You are logged in as Admin Adams, so nothing can be confirmed here, and nothing was "
                    + "recorded.");
            assertThat(refused.getElementById("confirm-form")).isNull();
        }
        // So is alex, another person of the demo city, who cannot read sam's email at all.
        assertThat(answer("alex", path).getStatus()).isEqualTo(404);
        assertThat(answer("alex", path + "/html").getStatus()).isEqualTo(404);
        assertThat(answer("alex", approve).getStatus()).isEqualTo(403);

        // A token in any other shape (another address, a comment, an attribute) is found by its hash and removed too.
        String reject = token(samsLinks.get("Reject"));
        assertThat(remover.text("Decide at https://mail.example/redirect?to=" + reject + " today", "Sam Sorensen"))
                .isEqualTo("Decide at https://mail.example/redirect?to=[link removed] today");
        assertThat(remover.html("<html><head></head><body><!-- " + reject + " --><img alt=\"" + reject + "\">"
                + "<p>Not a token: " + "a".repeat(43) + "</p></body></html>", "Sam Sorensen"))
                .doesNotContain(reject).contains("<!-- [link removed] -->").contains("a".repeat(43));

        // The history is as it was; the step still waits for sam, whose link still works for him.
        assertThat(timeline(reference)).isEqualTo(before);
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        ResponseEntity<String> his = http.getForEntity(samsLinks.get("Approve"), String.class);
        assertThat(his.getStatusCode().value()).isEqualTo(200);
        assertThat(Jsoup.parse(his.getBody()).select("h1").text()).isEqualTo("Confirm your decision");
    }

    @Test
    void samLoggedInConfirmsHisOwnLink_andThePageAndTheHistoryNameHim() throws Exception {
        String reference = submit("Work orders sam approves while logged in", "PW-WORK-ORDERS");
        String approve = URI.create(Mails.awaitOne("sam@example.org", reference).actions().get("Approve")).getPath();

        LoggedInSession sam = logIn("sam");
        Document confirm = Jsoup.parse(body(get(sam, approve), 200));
        assertThat(confirm.select("h1").text()).isEqualTo("Confirm your decision");
        assertThat(confirm.getElementById("acting-as").text()).isEqualTo("You are confirming as Sam Sorensen: the "
                + "request's history will say Sam Sorensen decided, from their email. If you are not Sam Sorensen, "
                + "close this page.");
        Document done = Jsoup.parse(body(mvc.perform(MockMvcRequestBuilders.post(approve).with(sam).with(csrf())
                .param("comment", "Approved while logged in")).andReturn().getResponse(), 200));
        assertThat(done.select("h1").text()).isEqualTo("Done");
        assertThat(timeline(reference)).contains("sam:approveAsSteward:approve:email");
    }

    private MockHttpServletResponse get(LoggedInSession session, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(session)).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static void collect(Matcher matcher, int group, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(group));
        }
    }
}
