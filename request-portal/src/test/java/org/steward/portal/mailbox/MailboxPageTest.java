package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.steward.portal.request.Pages.rows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.steward.notifications.MailSettings;
import org.steward.notifications.mailbox.DevMailbox;
import org.steward.notifications.outbox.EmailSender;
import org.steward.notifications.outbox.EmailWriter;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.system.CurrentPerson;
import org.steward.portal.system.StewardPrincipal;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.problem.StewardProblem;

/**
 * The in-app mailbox as its people see it: an admin reads every email, a demo person only their own, one email shows
 * its text and its HTML in a sandbox whose links still open the confirm page; without the demo city it is for admins
 * only, and a mailbox that receives nothing says where the emails go instead.
 */
class MailboxPageTest extends EmailPageSupport {

    private static final String HINT = "Every email Steward sent, as received. Links work: open an email and click a "
            + "button, as a steward would from their mail.";
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
    private PeopleService people;

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private ViewResolver thymeleafViewResolver;

    @Test
    void anAdminReadsEveryonesEmailsNewestFirstAndAlexOnlyHisOwn() throws Exception {
        String reference = submit("Work orders for the mailbox list", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));

        Document admin = page("admin", "/dev/mailbox");
        assertThat(admin.select("h1").text()).isEqualTo("Mailbox");
        assertThat(admin.getElementById("mailbox-hint").text()).isEqualTo(HINT);
        assertThat(admin.getElementById("not-receiving")).as("the tests' mailbox receives every email").isNull();
        assertThat(admin.getElementById("whose").text()).isEqualTo("The newest 100 emails to everyone, newest first.");
        List<String> everyone = rows(admin, "#emails");
        assertThat(everyone).anySatisfy(row -> assertThat(row).startsWith("Sam Sorensen <sam@example.org> | "
                + "Waiting for you: Approve as data steward on " + reference + " | "));
        assertThat(everyone).anySatisfy(row -> assertThat(row).startsWith("Alex Anders <alex@example.org> | ")
                .contains("(" + reference + ")"));
        List<Long> ids = admin.select("#emails tbody td[data-label=Subject] a").eachAttr("href").stream()
                .map(href -> Long.parseLong(href.substring("/dev/mailbox/".length()))).toList();
        assertThat(ids).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));

        Document alex = page("alex", "/dev/mailbox");
        assertThat(alex.getElementById("mailbox-hint").text()).isEqualTo(HINT);
        assertThat(alex.getElementById("whose").text()).isEqualTo("The newest emails to you, newest first.");
        List<String> his = rows(alex, "#emails");
        assertThat(his).isNotEmpty().allSatisfy(row -> assertThat(row).startsWith("Alex Anders <alex@example.org> | "));
        assertThat(his).anySatisfy(row -> assertThat(row).contains("(" + reference + ")"));
        assertThat(alex.select("#emails").text()).doesNotContain("sam@example.org");
    }

    @Test
    void oneEmailShowsItsTextAndItsHtmlInASandboxWhoseButtonsOpenTheConfirmPage() throws Exception {
        String reference = submit("Work orders for the mailbox message", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        long id = messageTo("sam", reference);

        Document page = page("admin", "/dev/mailbox/" + id);
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

        MockHttpServletResponse html = answer("admin", "/dev/mailbox/" + id + "/html");
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
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");

        // sam reads his own email too, on the demo city.
        assertThat(page("sam", "/dev/mailbox/" + id).select("h1").text()).isEqualTo(subject);
    }

    @Test
    void aStaffMemberGetsTheNotFoundPageForSomeoneElsesEmailAndItsHtml() throws Exception {
        String reference = submit("Work orders for someone else's email", "PW-WORK-ORDERS");
        awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        long samsEmail = messageTo("sam", reference);
        long alexsEmail = messageTo("alex", reference);

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
    void withoutTheDemoCityOnlyAdminsOpenTheMailbox_andAMailboxThatReceivesNothingSaysWhereEmailsGo()
            throws Exception {
        // A second sender set up as a city with a real SMTP server would be: SMTP only, no copy in the mailbox.
        EmailSender smtpOnly = new EmailSender(outbox, writer, smtp, List.of(mailbox), new MailSettings(
                settings.from(), settings.linkValidity(), settings.retryDelays(), settings.pollMillis(),
                settings.claimFor(), settings.batchSize(), false));
        assertThat(smtpOnly.transports()).containsExactly("smtp");
        MailboxAccess access = new MailboxAccess(smtpOnly, currentPerson, false, "smtp.city.example");
        Authentication admin = logged("admin", "Admin Adams", "admins", "camunda-admin");
        Authentication alex = logged("alex", "Alex Anders", "staff-cd");
        assertThat(access.mayOpen(admin)).isTrue();
        assertThat(access.mayOpen(alex)).isFalse();
        assertThat(access.mayOpen(null)).isFalse();
        assertThat(new MailboxAccess(smtpOnly, currentPerson, true, "").mayOpen(alex)).isTrue();

        MailboxController controller = new MailboxController(mailbox, access, currentPerson, people);
        assertThatThrownBy(() -> controller.list(alex, new ExtendedModelMap())).isInstanceOfSatisfying(
                StewardProblem.class, p -> assertThat(p.kind()).isEqualTo(StewardProblem.Kind.NOT_FOUND));

        ExtendedModelMap model = new ExtendedModelMap();
        Document page = render(controller.list(admin, model), model, admin);
        assertThat(page.select("h1").text()).isEqualTo("Mailbox");
        assertThat(page.getElementById("not-receiving").text()).isEqualTo("New emails do not come here: Steward "
                + "sends them to the SMTP server smtp.city.example instead, so read them in your own mail. The "
                + "emails below came before.");
        assertThat(page.getElementById("mailbox-hint").text()).isEqualTo(HINT);
    }

    /** The id of the mailbox message to a person about a request, as the admin's list links it. */
    private long messageTo(String user, String reference) throws Exception {
        Document list = page("admin", "/dev/mailbox");
        Element row = list.select("#emails tbody tr").stream()
                .filter(r -> r.select("td[data-label=To]").text().contains("<" + user + "@example.org>")
                        && r.select("td[data-label=Subject]").text().contains(reference))
                .findFirst().orElseThrow(() -> new AssertionError("No email to " + user + " about " + reference
                        + " in the mailbox: " + rows(list, "#emails")));
        String href = row.selectFirst("td[data-label=Subject] a").attr("href");
        return Long.parseLong(href.substring("/dev/mailbox/".length()));
    }

    private static Authentication logged(String user, String name, String... groups) {
        return new UsernamePasswordAuthenticationToken(new StewardPrincipal(user, name), null,
                Set.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
    }

    /** Renders a page of the hand-built controller with the application's own templates, for the person given. */
    private Document render(String viewName, ExtendedModelMap model, Authentication who) throws Exception {
        View view = thymeleafViewResolver.resolveViewName(viewName, Locale.ENGLISH);
        MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), "GET", "/dev/mailbox");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        MockHttpServletResponse response = new MockHttpServletResponse();
        SecurityContextHolder.getContext().setAuthentication(who);
        try {
            view.render(model, request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
