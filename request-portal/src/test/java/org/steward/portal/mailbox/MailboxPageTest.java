package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.steward.portal.request.Pages.rows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.ui.ExtendedModelMap;
import org.steward.notifications.MailSettings;
import org.steward.notifications.SiteSettings;
import org.steward.notifications.mailbox.DevMailbox;
import org.steward.notifications.outbox.EmailSender;
import org.steward.notifications.outbox.EmailWriter;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.problem.StewardProblem;

/**
 * The in-app mailbox as its people see it: an admin reads every email (someone else's with its links removed, see
 * {@link SomeoneElsesLinksTest}), a person their own, one email shows its text and its HTML in a sandbox whose links
 * still open the confirm page for the person it was sent to; with a real mail server or without the demo city the
 * mailbox is off unless turned on, and a mailbox that receives nothing says where the emails go instead.
 */
class MailboxPageTest extends EmailPageSupport {

    private static final String HINT = "Your emails, as Steward sent them. Their buttons work here as in your own "
            + "mail: open an email and click one.";
    private static final String OTHERS_HINT = "As an admin you also see other people's emails, for support, with their "
            + "action and signing links removed: only the person an email was sent to can act through it.";
    private static final String SANDBOX = "allow-popups allow-popups-to-escape-sandbox "
            + "allow-top-navigation-by-user-activation";

    @Autowired
    private DevMailbox mailbox;

    @Autowired
    private EmailWriter writer;

    @Autowired
    private ObjectProvider<JavaMailSender> smtp;

    @Autowired
    private MailSettings settings;

    @Autowired
    private CurrentPerson currentPerson;

    @Autowired
    private MailboxAccess mailboxAccess;

    @Autowired
    private LinkRemover remover;

    @Autowired
    private PeopleService people;


    @Test
    void anAdminReadsEveryonesEmailsNewestFirstAndAlexOnlyHisOwn() throws Exception {
        String reference = submit("Work orders for the mailbox list", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));

        Document admin = page("admin", "/dev/mailbox");
        assertThat(admin.select("h1").text()).isEqualTo("Mailbox");
        assertThat(admin.getElementById("mailbox-hint").text()).isEqualTo(HINT);
        assertThat(admin.getElementById("others-hint").text()).isEqualTo(OTHERS_HINT);
        assertThat(admin.getElementById("partners-hint")).as("the tests' city has a mail server").isNull();
        assertThat(admin.getElementById("not-receiving")).as("the tests' mailbox receives every email").isNull();
        assertThat(admin.getElementById("whose").text()).isEqualTo("The newest 100 emails to everyone, newest first.");
        assertThat(admin.select("#emails thead th").eachText()).containsExactly("To", "Subject", "Sent",
                "Action links");
        List<String> everyone = rows(admin, "#emails");
        assertThat(everyone).anySatisfy(row -> assertThat(row).startsWith("Sam Sorensen <sam@example.org> | "
                + "Waiting for you: Approve as data steward on " + reference + " | ")
                .endsWith(" | Removed: only Sam Sorensen can use them"));
        assertThat(everyone).anySatisfy(row -> assertThat(row).startsWith("Alex Anders <alex@example.org> | ")
                .contains("(" + reference + ")"));
        List<Long> ids = admin.select("#emails tbody td[data-label=Subject] a").eachAttr("href").stream()
                .map(href -> Long.parseLong(href.substring("/dev/mailbox/".length()))).toList();
        assertThat(ids).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));

        Document alex = page("alex", "/dev/mailbox");
        assertThat(alex.getElementById("mailbox-hint").text()).isEqualTo(HINT);
        assertThat(alex.getElementById("others-hint")).isNull();
        assertThat(alex.getElementById("whose").text()).isEqualTo("The newest emails to you, newest first.");
        List<String> his = rows(alex, "#emails");
        assertThat(his).isNotEmpty().allSatisfy(row -> assertThat(row).startsWith("Alex Anders <alex@example.org> | ")
                .doesNotContain("Removed"));
        assertThat(his).anySatisfy(row -> assertThat(row).contains("(" + reference + ")").endsWith(" | None"));
        assertThat(alex.select("#emails").text()).doesNotContain("sam@example.org");
    }

    @Test
    void samsEmailShowsHimItsTextAndItsHtmlInASandboxWhoseButtonsOpenTheConfirmPage() throws Exception {
        String reference = submit("Work orders for the mailbox message", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        long id = messageTo("<sam@example.org>", reference);
        assertThat(rows(page("sam", "/dev/mailbox"), "#emails")).anySatisfy(row -> assertThat(row)
                .contains("Waiting for you: Approve as data steward on " + reference).endsWith(" | Yours to use"));

        // Before this issue the admin read this page with working buttons; now only sam does (his own email).
        Document page = page("sam", "/dev/mailbox/" + id);
        assertThat(page.getElementById("links-removed")).isNull();
        String subject = "Waiting for you: Approve as data steward on " + reference;
        assertThat(page.select("h1").text()).isEqualTo(subject);
        assertThat(page.title()).isEqualTo(subject + " · Steward");
        assertThat(page.select("#envelope dt").eachText()).containsExactly("To", "Sent");
        assertThat(page.select("#envelope dd").first().text()).isEqualTo("Sam Sorensen <sam@example.org>");
        assertThat(page.select("#envelope dd time").attr("datetime")).isNotBlank();
        String text = page.getElementById("email-text").wholeText();
        assertThat(text).startsWith("Hello Sam Sorensen,").contains("Approve: http://localhost:" + port + "/act/");
        Element frame = page.getElementById("email-html");
        assertThat(frame.tagName()).isEqualTo("iframe");
        assertThat(frame.attr("sandbox")).isEqualTo(SANDBOX);
        assertThat(frame.attr("src")).isEqualTo("/dev/mailbox/" + id + "/html");
        assertThat(frame.attr("title")).isNotBlank();

        MockHttpServletResponse html = answer("sam", "/dev/mailbox/" + id + "/html");
        assertThat(html.getStatus()).isEqualTo(200);
        assertThat(html.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(html.getHeader("Content-Security-Policy")).isEqualTo("sandbox " + SANDBOX
                + "; default-src 'none'; style-src 'unsafe-inline'");
        Document email = Jsoup.parse(html.getContentAsString(StandardCharsets.UTF_8));
        assertThat(email.select("head > base").attr("target")).as("links leave the frame for the whole window")
                .isEqualTo("_top");
        assertThat(email.select("a").eachText()).contains("Approve", "Reject", "Ask for changes");
        String approve = email.selectFirst("a:containsOwn(Approve)").attr("href");
        assertThat(text).contains("Approve: " + approve);

        // The button works as a steward's mail program opens it: the confirm page, and nothing decided yet.
        ResponseEntity<String> opened = http.getForEntity(approve, String.class);
        assertThat(opened.getStatusCode().value()).isEqualTo(200);
        assertThat(Jsoup.parse(opened.getBody()).select("h1").text()).isEqualTo("Confirm your decision");
        assertThat(Jsoup.parse(opened.getBody()).getElementById("acting-as").text()).startsWith(
                "You are confirming as Sam Sorensen: the request's history will say Sam Sorensen decided");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");

        // The admin reads the same email, for support, without its buttons (SomeoneElsesLinksTest tries them).
        Document forSupport = page("admin", "/dev/mailbox/" + id);
        assertThat(forSupport.select("h1").text()).isEqualTo(subject);
        assertThat(forSupport.getElementById("links-removed").text()).startsWith(
                "This email was sent to Sam Sorensen, not to you: you read it for support.");
        assertThat(forSupport.getElementById("email-text").wholeText()).doesNotContain(approve)
                .contains("Approve: [Action link removed: only Sam Sorensen can use it from their own mailbox]");
    }

    @Test
    void aStaffMemberGetsTheNotFoundPageForSomeoneElsesEmailAndItsHtml() throws Exception {
        String reference = submit("Work orders for someone else's email", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        long samsEmail = messageTo("<sam@example.org>", reference);
        long alexsEmail = messageTo("<alex@example.org>", reference);

        for (String path : List.of("/dev/mailbox/" + samsEmail, "/dev/mailbox/" + samsEmail + "/html")) {
            MockHttpServletResponse refused = answer("alex", path);
            assertThat(refused.getStatus()).as(path).isEqualTo(404);
            String body = refused.getContentAsString(StandardCharsets.UTF_8);
            assertThat(Jsoup.parse(body).select("h1").text()).as(path).isEqualTo("Not found");
            assertThat(body).as(path).doesNotContain(reference).doesNotContain("/act/");
            assertThat(refused.getHeader("Content-Security-Policy")).doesNotContain("sandbox");
        }
        assertThat(page("alex", "/dev/mailbox/" + alexsEmail).select("#envelope dd").first().text())
                .isEqualTo("Alex Anders <alex@example.org>");
        assertThat(answer("admin", "/dev/mailbox/999999999").getStatus()).isEqualTo(404);
        assertThat(answer("fiona", "/dev/mailbox/" + alexsEmail).getStatus()).isEqualTo(404);
        // Not a number is no email either (it was a 500).
        MockHttpServletResponse notANumber = answer("admin", "/dev/mailbox/abc");
        assertThat(notANumber.getStatus()).isEqualTo(404);
        assertThat(Jsoup.parse(notANumber.getContentAsString(StandardCharsets.UTF_8)).select("h1").text())
                .isEqualTo("Not found");
    }

    @Test
    void theHeaderOffersTheMailboxAndTheEmailSettingsToEveryoneLoggedInOnTheDemoCity() throws Exception {
        for (String user : List.of("admin", "alex")) {
            Document home = page(user, "/");
            assertThat(home.select("nav[aria-label=Main] a[href=/dev/mailbox]").text()).as(user).isEqualTo("Mailbox");
            assertThat(home.select(".site-header__user a[href=/settings/email]").text()).as(user)
                    .isEqualTo("Email settings");
        }
        MockHttpServletResponse anonymous = mvc.perform(MockMvcRequestBuilders.get("/dev/mailbox")).andReturn()
                .getResponse();
        assertThat(anonymous.getStatus()).as("someone not logged in is asked to log in").isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void withARealMailServerOrWithoutTheDemoCityTheMailboxIsOffUnlessTurnedOn_andOffItSaysWhereEmailsGo()
            throws Exception {
        String reference = submit("Work orders before the mailbox was turned off", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        // Unset, the mailbox receives only on the demo city with no mail server; set, it says so itself.
        assertThat(transports(null, false, true)).containsExactly("mailbox");
        assertThat(transports(null, true, true)).containsExactly("smtp");
        assertThat(transports(null, true, false)).containsExactly("smtp");
        assertThat(transports(true, true, false)).containsExactly("smtp", "mailbox");
        assertThat(transports(true, false, false)).containsExactly("mailbox");
        assertThat(transports(false, false, true)).isEmpty();
        // Neither a mail server nor the mailbox: emails wait in the outbox, unwritten, and none is taken.
        EmailSender nowhere = sender(null, false, false);
        assertThat(nowhere.transports()).isEmpty();
        assertThat(nowhere.sendDue()).isZero();
        Document outboxPage = page("admin", "/admin/emails");
        assertThat(outboxPage.getElementById("not-sending")).as("the tests' city sends its emails").isNull();

        // A city with a real SMTP server: SMTP only, no copy in the mailbox.
        EmailSender smtpOnly = sender(false, true, true);
        assertThat(smtpOnly.transports()).containsExactly("smtp");
        Authentication admin = logged("admin", "Admin Adams", "admins", "camunda-admin");
        Authentication alex = logged("alex", "Alex Anders", "staff-cd");
        for (boolean demo : List.of(true, false)) {
            MailboxAccess access = new MailboxAccess(smtpOnly, currentPerson, new SiteSettings("", demo),
                    "smtp.city.example");
            assertThat(access.mayOpen(admin)).as("admins read what came before").isTrue();
            // Before this issue anyone logged in on the demo city could open it even so.
            assertThat(access.mayOpen(alex)).as("off for everyone else, demo city %s", demo).isFalse();
            assertThat(access.mayOpen(null)).isFalse();
            assertThat(access.standsInForPartners()).isFalse();
        }
        // Turned on (the tests' own city: a mail server and steward.mail.mailbox=true): everyone reads their own, and
        // the mailbox is no partner's inbox.
        assertThat(mailboxAccess.receiving()).isTrue();
        assertThat(mailboxAccess.mayOpen(alex)).isTrue();
        assertThat(mailboxAccess.standsInForPartners()).isFalse();
        // Only the demo city without a mail server makes it the partners' inbox.
        assertThat(new MailboxAccess(sender(null, false, true), currentPerson, new SiteSettings("", true), "")
                .standsInForPartners())
                .isTrue();
        assertThat(new MailboxAccess(sender(true, false, false), currentPerson, new SiteSettings("", false), "")
                .standsInForPartners())
                .isFalse();
        assertThat(new MailboxAccess(sender(true, true, true), currentPerson, new SiteSettings("", true),
                "smtp.city.example").standsInForPartners()).isFalse();

        MailboxAccess access = new MailboxAccess(smtpOnly, currentPerson, new SiteSettings("", false),
                "smtp.city.example");
        MailboxController controller = new MailboxController(
                new MailboxReading(mailbox, access, currentPerson, people, remover), access);
        assertThatThrownBy(() -> controller.list(alex, new ExtendedModelMap())).isInstanceOfSatisfying(
                StewardProblem.class, p -> assertThat(p.kind()).isEqualTo(StewardProblem.Kind.NOT_FOUND));

        ExtendedModelMap model = new ExtendedModelMap();
        Document page = render(controller.list(admin, model), model, admin);
        assertThat(page.select("h1").text()).isEqualTo("Mailbox");
        assertThat(page.getElementById("not-receiving").text()).isEqualTo("New emails do not come here: Steward "
                + "sends them to the SMTP server smtp.city.example instead, so read them in your own mail. The "
                + "emails below came before.");
        assertThat(page.getElementById("mailbox-hint").text()).isEqualTo(HINT);
        assertThat(rows(page, "#emails")).as("what came before: someone else's links removed").anySatisfy(
                row -> assertThat(row).startsWith("Sam Sorensen <sam@example.org> | ").contains(reference)
                        .endsWith(" | Removed: only Sam Sorensen can use them"));
    }

    /** What a sender set up as given takes its emails with: "smtp", "mailbox", both or none. */
    private List<String> transports(Boolean mailboxSetting, boolean smtpServer, boolean demo) {
        return sender(mailboxSetting, smtpServer, demo).transports();
    }

    /** A second sender as a city with these settings would have it (it is never scheduled). */
    private EmailSender sender(Boolean mailboxSetting, boolean smtpServer, boolean demo) {
        ObjectProvider<JavaMailSender> server = smtpServer ? smtp
                : new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        return new EmailSender(outbox, writer, server, List.of(mailbox), new MailSettings(settings.from(),
                settings.linkValidity(), settings.retryDelays(), settings.pollMillis(), settings.claimFor(),
                settings.batchSize(), mailboxSetting), new SiteSettings("", demo));
    }
}
