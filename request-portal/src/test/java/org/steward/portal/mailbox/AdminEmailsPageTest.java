package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.TestMailServer;
import org.steward.portal.mail.Mails;

/**
 * The admins' outbox page: how many emails stand where, the newest with their request, status, tries and error, and
 * an email that failed every try (the mail server was down) sent again from the page once the server is back.
 */
class AdminEmailsPageTest extends EmailPageSupport {

    @Test
    void theOutboxListsARequestsEmailsWithTheirRequestStatusAndTries() throws Exception {
        String reference = submit("Work orders for the outbox page", "PW-WORK-ORDERS");
        OutboxEmail task = awaitEmails(reference, 2, OutboxEmail.Status.SENT, Duration.ofSeconds(20)).stream()
                .filter(e -> e.getKind() == EmailKind.TASK_WAITING).findFirst().orElseThrow();

        Document page = page("admin", "/admin/emails");
        assertThat(page.select("h1").text()).isEqualTo("Emails");
        assertThat(page.select("#counts dt").eachText()).containsExactly("Waiting to be sent or tried again", "Sent",
                "Failed after every try", "Not sent: no longer needed");
        assertThat(page.select("#counts dd").eachText()).allSatisfy(count -> assertThat(count).matches("\\d+"));
        assertThat(Long.parseLong(page.select("#counts dd").get(1).text())).as("sent, this request's two among them")
                .isGreaterThanOrEqualTo(2);
        Element row = page.getElementById("email-" + task.getId());
        assertThat(cells(row)).containsExactly(
                "Email: " + task.getId(),
                "Kind: A task waits",
                "To: Sam Sorensen <sam@example.org>",
                "Request: " + reference,
                "Subject: Waiting for you: Approve as data steward on " + reference,
                "Status: Sent",
                "Tries: 1",
                "When: " + row.select("td[data-label=When]").text(),
                "Actions: ");
        assertThat(page.getElementById("email-" + task.getId() + "-error")).as("no error to show").isNull();
        assertThat(row.select("td[data-label=When]").text()).startsWith("Sent ");
        assertThat(row.select("td[data-label=Request] a").attr("href")).isEqualTo("/requests/" + reference);
        assertThat(row.select("button")).as("a sent email has no Send again").isEmpty();

        // Only failed and waiting: a sent email is not among them.
        Document trouble = page("admin", "/admin/emails?trouble=true");
        assertThat(trouble.getElementById("trouble").hasAttr("checked")).isTrue();
        assertThat(trouble.getElementById("email-" + task.getId())).isNull();
        assertThat(trouble.select("#emails td[data-label=Status]").eachText())
                .allSatisfy(s -> assertThat(s).isIn("Failed", "Waiting to be sent", "Waiting to be tried again"));

        // The admin overview leads here; nobody else gets in.
        assertThat(page("admin", "/admin").select("a[href=/admin/emails]").text()).isEqualTo("Emails");
        assertThat(answer("alex", "/admin/emails").getStatus()).isEqualTo(403);
    }

    @Test
    void anEmailThatFailedEveryTryWhileTheMailServerWasDownIsSentAgainFromThePage() throws Exception {
        // Earlier tests' emails go out first, so that only this request's emails meet the server down.
        awaitNothingWaiting();
        String reference;
        List<OutboxEmail> failed;
        TestMailServer.stop();
        try {
            reference = submit("Work orders while the mail server is down", "PW-WORK-ORDERS");
            // Six tries, 200 ms to 3.2 s apart: failed for good after about 6 s.
            failed = awaitEmails(reference, 2, OutboxEmail.Status.FAILED, Duration.ofSeconds(40));
        } finally {
            TestMailServer.start();
        }
        OutboxEmail task = failed.stream().filter(e -> e.getKind() == EmailKind.TASK_WAITING).findFirst()
                .orElseThrow();
        OutboxEmail status = failed.stream().filter(e -> e.getKind() == EmailKind.STATUS_CHANGED).findFirst()
                .orElseThrow();

        LoggedInSession session = logIn("admin");
        Document page = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/admin/emails").param("trouble", "true")
                .with(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        Element row = page.getElementById("email-" + task.getId());
        assertThat(row.select("td[data-label=Status]").text()).isEqualTo("Failed");
        assertThat(row.select("td[data-label=Tries]").text()).isEqualTo("6");
        assertThat(row.select("td[data-label=When]").text()).isEqualTo("No more tries");
        assertThat(page.getElementById("email-" + task.getId() + "-error").text()).startsWith("Last error: ")
                .contains("MailConnectException");
        assertThat(row.select("td[data-label=Subject]").text())
                .isEqualTo("Waiting for you: Approve as data steward on " + reference);
        Element resend = row.selectFirst("form");
        assertThat(resend.attr("action")).isEqualTo("/admin/emails/" + task.getId() + "/resend");
        assertThat(resend.select("button").text()).isEqualTo("Send again email " + task.getId());
        assertThat(page.getElementById("email-" + status.getId()).select("button")).isNotEmpty();

        // The admin presses "Send again", as the page's form posts it.
        mvc.perform(MockMvcRequestBuilders.post(resend.attr("action")).with(session).with(csrf())
                .param("trouble", resend.select("input[name=trouble]").val()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/emails?trouble=true"))
                .andExpect(flash().attribute("notice", "Email " + task.getId()
                        + " will be sent again within a few seconds."));

        Mails.Mail arrived = Mails.await(1, m -> String.valueOf(task.getId()).equals(m.headers().get(
                "X-Steward-Email"))).get(0);
        assertThat(arrived.to()).containsExactly("sam@example.org");
        assertThat(arrived.subject()).isEqualTo("Waiting for you: Approve as data steward on " + reference);
        assertThat(arrived.actions()).containsOnlyKeys("Approve", "Reject", "Ask for changes");
        awaitEmail(task.getId(), OutboxEmail.Status.SENT);
        assertThat(outbox.find(status.getId()).orElseThrow().getStatus()).as("only the email sent again went out")
                .isEqualTo(OutboxEmail.Status.FAILED);

        Document after = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/admin/emails").with(session))
                .andReturn().getResponse().getContentAsString());
        assertThat(after.select("#email-" + task.getId() + " td[data-label=Status]").text()).isEqualTo("Sent");
        assertThat(after.select("#email-" + task.getId() + " td[data-label=Tries]").text()).isEqualTo("1");
    }

    /** A row's cells as "label: text". */
    private static List<String> cells(Element row) {
        return row.select("td").stream().map(td -> td.attr("data-label") + ": " + td.text()).toList();
    }
}
