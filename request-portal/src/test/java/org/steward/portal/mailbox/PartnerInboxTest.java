package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.steward.portal.request.Pages.rows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.Authentication;
import org.springframework.ui.ExtendedModelMap;
import org.steward.notifications.MailSettings;
import org.steward.notifications.SiteSettings;
import org.steward.notifications.mailbox.DevMailbox;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailSender;
import org.steward.notifications.outbox.EmailWriter;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.notifications.outbox.OutgoingEmail;
import org.steward.portal.mail.Mails;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.problem.StewardProblem;

/**
 * On the demo city with no mail server, the mailbox stands in for outside partners' inboxes (their signatories have
 * no account): anyone logged in reads a partner's signing email there with its link, which works, as the README's
 * partner walk-through needs. Anywhere else (a mail server, as the tests' city has, or not the demo city) the
 * partner's link is nobody's in the mailbox: admins read it removed, others not at all. An email to an address that
 * is an account's stays that account's, partner or not.
 */
class PartnerInboxTest extends EmailPageSupport {

    private static final String PARTNER_EMAIL = "quinn.quarry@quarry-institute.example.org";
    private static final Pattern SIGN_LINK = Pattern.compile("(https?://\\S+/sign/\\S+)");

    @Autowired
    private DevMailbox mailbox;

    @Autowired
    private EmailSender sender;

    @Autowired
    private EmailWriter writer;

    @Autowired
    private MailSettings settings;

    @Autowired
    private CurrentPerson currentPerson;

    @Autowired
    private PeopleService people;

    @Autowired
    private LinkRemover remover;

    private final Authentication alex = logged("alex", "Alex Anders", "staff-cd");
    private final Authentication admin = logged("admin", "Admin Adams", "admins", "camunda-admin");

    @Test
    void onTheDemoCityWithoutAMailServerAnyoneLoggedInUsesThePartnersSigningLink_elsewhereNobodyDoes()
            throws Exception {
        String samsRequest = submit("Work orders for sam alone", "PW-WORK-ORDERS");
        awaitEmails(samsRequest, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
        String agreement = partnerWaitsToSign("Work orders for the Quarry Institute");
        Mails.Mail mail = Mails.awaitOne(PARTNER_EMAIL, agreement);
        awaitEmail(mail.outboxId(), OutboxEmail.Status.SENT);
        Matcher link = SIGN_LINK.matcher(mail.text());
        assertThat(link.find()).isTrue();
        String signUrl = link.group(1);
        long id = messageTo("<" + PARTNER_EMAIL + ">", agreement);
        String note = "Signing link removed: only " + PARTNER_EMAIL + " can use it from their own mailbox";

        // The tests' city has a mail server: the admin reads the partner's email with its link removed, alex not at
        // all.
        Document forSupport = page("admin", "/dev/mailbox/" + id);
        assertThat(forSupport.select("#envelope dd").first().text())
                .isEqualTo("Outside partner's signatory <" + PARTNER_EMAIL + ">");
        assertThat(forSupport.getElementById("email-text").wholeText()).doesNotContain("/sign/")
                .contains("Read and sign the agreement: [" + note + "]");
        String html = answer("admin", "/dev/mailbox/" + id + "/html").getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("/sign/").doesNotContain(signUrl.substring(signUrl.lastIndexOf('/') + 1));
        assertThat(Jsoup.parse(html).text()).contains(note);
        assertThat(answer("alex", "/dev/mailbox/" + id).getStatus()).isEqualTo(404);
        assertThat(page("alex", "/dev/mailbox").select("#emails").text()).doesNotContain(PARTNER_EMAIL);

        // The demo city with no mail server: its mailbox is the partner's inbox, for anyone logged in.
        MailboxAccess demoInbox = demoCityWithoutAMailServer();
        assertThat(demoInbox.standsInForPartners()).isTrue();
        MailboxController controller = controller(demoInbox);
        ExtendedModelMap listed = new ExtendedModelMap();
        Document list = render(controller.list(alex, listed), listed, alex);
        assertThat(list.getElementById("partners-hint").text()).isEqualTo("On the demo city this mailbox is also "
                + "the inbox of outside partners' signatories, who have no account: their emails keep their signing "
                + "links, for anyone to try.");
        assertThat(list.getElementById("whose").text())
                .isEqualTo("The newest emails to you and to outside partners, newest first.");
        assertThat(rows(list, "#emails")).anySatisfy(row -> assertThat(row)
                .startsWith("Outside partner's signatory <" + PARTNER_EMAIL + "> | ").contains(agreement)
                .endsWith(" | Usable here: this mailbox is the partner's inbox on the demo city"));
        assertThat(rows(list, "#emails")).as("still nobody else's account's emails")
                .allSatisfy(row -> assertThat(row).doesNotContain("sam@example.org"));
        for (Authentication reader : new Authentication[] {alex, admin}) {
            MailboxReading.Letter letter = letter(controller, reader, id);
            assertThat(letter.removedFor()).isNull();
            assertThat(letter.text()).contains("Read and sign the agreement: " + signUrl);
            ResponseEntity<String> email = controller.html(id, reader);
            assertThat(Jsoup.parse(email.getBody()).select("a[href*=/sign/]").eachAttr("href"))
                    .containsExactly(signUrl);
        }
        // The link works as the partner's browser opens it.
        ResponseEntity<String> opened = http.getForEntity(signUrl, String.class);
        assertThat(opened.getStatusCode().value()).isEqualTo(200);
        assertThat(Jsoup.parse(opened.getBody()).select("h1").text()).isEqualTo("Sign the data-sharing agreement");

        // Even there, sam's task email stays sam's: alex gets nothing, the admin no link.
        long samsEmail = messageTo("<sam@example.org>", "Waiting for you: Approve as data steward on " + samsRequest);
        assertThatThrownBy(() -> letter(controller, alex, samsEmail)).isInstanceOfSatisfying(StewardProblem.class,
                p -> assertThat(p.kind()).isEqualTo(StewardProblem.Kind.NOT_FOUND));
        assertThat(letter(controller, admin, samsEmail).removedFor()).isEqualTo("Sam Sorensen");
        assertThat(letter(controller, admin, samsEmail).text()).doesNotContain("/act/");

        // A city that is not the demo, with the mailbox turned on: the partner's link is nobody's.
        MailboxController city = controller(new MailboxAccess(sender, currentPerson, new SiteSettings("", false), ""));
        assertThatThrownBy(() -> letter(city, alex, id)).isInstanceOf(StewardProblem.class);
        assertThat(letter(city, admin, id).text()).doesNotContain("/sign/").contains(note);
    }

    @Test
    void aPartnersEmailToAnAddressThatIsAnAccountsStaysThatAccountsEvenOnTheDemoCity() throws Exception {
        String subject = "Please sign data-sharing agreement DSA-TEST for a partner that is sam";
        mailbox.deliver(new OutgoingEmail(0L, EmailKind.PARTNER_RECIPIENT, "sam@example.org", subject,
                "Read and sign the agreement: http://localhost:" + port + "/sign/not-a-real-token-but-a-link",
                "<html><head></head><body><p><a href=\"http://localhost:" + port
                        + "/sign/not-a-real-token-but-a-link\">Read and sign the agreement</a></p></body></html>"));
        long id = messageTo("<sam@example.org>", subject);
        MailboxController demo = controller(demoCityWithoutAMailServer());

        assertThatThrownBy(() -> letter(demo, alex, id)).isInstanceOf(StewardProblem.class);
        Authentication sam = logged("sam", "Sam Sorensen", "stewards-pw");
        assertThat(letter(demo, sam, id).text()).contains("/sign/not-a-real-token-but-a-link");
        ExtendedModelMap listed = new ExtendedModelMap();
        assertThat(rows(render(demo.list(sam, listed), listed, sam), "#emails")).anySatisfy(
                row -> assertThat(row).contains(subject).endsWith(" | Yours to use"));
        assertThat(letter(demo, admin, id).text()).doesNotContain("/sign/").contains(
                "[Signing link removed: only sam@example.org can use it from their own mailbox]");
    }

    /** Submits a request for an outside partner and takes it to the partner's signature; answers the agreement. */
    private String partnerWaitsToSign(String title) {
        Map<String, Object> body = requestBody(title, "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", "Quarry Institute",
                "signatoryName", "Quinn Quarry", "signatoryEmail", PARTNER_EMAIL));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        return agreement("alex", reference).get("number").asText();
    }

    /** Who reads what as on the demo city with no mail server: its sender (never scheduled) has only the mailbox. */
    private MailboxAccess demoCityWithoutAMailServer() {
        MailSettings unset = new MailSettings(settings.from(), settings.linkValidity(), settings.retryDelays(),
                settings.pollMillis(), settings.claimFor(), settings.batchSize(), null);
        EmailSender mailboxOnly = new EmailSender(outbox, writer,
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), List.of(mailbox), unset, new SiteSettings("", true));
        return new MailboxAccess(mailboxOnly, currentPerson, new SiteSettings("", true), "");
    }

    private MailboxController controller(MailboxAccess access) {
        return new MailboxController(new MailboxReading(mailbox, access, currentPerson, people, remover), access);
    }

    private static MailboxReading.Letter letter(MailboxController controller, Authentication reader, long id) {
        ExtendedModelMap model = new ExtendedModelMap();
        controller.message(id, reader, model);
        return (MailboxReading.Letter) model.get("message");
    }
}
