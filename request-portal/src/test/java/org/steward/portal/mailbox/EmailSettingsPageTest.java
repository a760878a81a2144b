package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.notifications.preference.EmailPreferences;
import org.steward.notifications.preference.StatusTopic;
import org.steward.portal.mail.Mails;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * A person's email settings: one box per status email, ticked for the ones they get; what they untick stops coming
 * while task emails still go out; the form needs its CSRF token.
 */
class EmailSettingsPageTest extends EmailPageSupport {

    @Autowired
    private EmailPreferences preferences;

    @Autowired
    private PeopleService people;

    @Test
    void theFormHasABoxPerStatusEmailTickedAndSaysTaskEmailsAlwaysGoOut() throws Exception {
        Document page = page("fiona", "/settings/email");

        assertThat(page.select("h1").text()).isEqualTo("Email settings");
        assertThat(page.getElementById("always").text()).startsWith("Emails about tasks waiting for you, their "
                + "reminders and their escalations always go out: you cannot turn them off");
        assertThat(page.select("#email-settings legend").text()).isEqualTo("Send me an email when");
        assertThat(page.select("#email-settings label.checkbox").eachText()).containsExactlyElementsOf(
                Arrays.stream(StatusTopic.values()).map(StatusTopic::label).toList());
        assertThat(page.select("#email-settings input[type=checkbox][name=topics]").eachAttr("value"))
                .containsExactlyElementsOf(Arrays.stream(StatusTopic.values()).map(Enum::name).toList());
        assertThat(page.select("#email-settings input[type=checkbox]:not([checked])")).as("all wanted at first")
                .isEmpty();
        assertThat(page.select("#email-settings input[name=_csrf]").val()).isNotBlank();
        assertThat(page.getElementById("saved")).isNull();
    }

    @Test
    void alexTurnsOffSubmittedAndGetsNoEmailForHisNextSubmission_butTheStewardStillGetsTheTaskEmail()
            throws Exception {
        Person alex = people.find("alex").orElseThrow();
        try {
            List<StatusTopic> others = Arrays.stream(StatusTopic.values()).filter(t -> t != StatusTopic.SUBMITTED)
                    .toList();
            String saved = "Saved. You will get emails about: changes were asked for on your request; your request "
                    + "was rejected; your request was approved, or moved on to its next review; the agreement for your "
                    + "request is ready to sign; the agreement is in force; the data was delivered; the agreement "
                    + "expires in 30 days; the agreement expired or was ended early; your request was withdrawn; "
                    + "someone commented on a request you are on.";
            mvc.perform(save(others).with(as("alex")).with(csrf()))
                    .andExpect(status().isFound()).andExpect(redirectedUrl("/settings/email"))
                    .andExpect(flash().attribute("notice", saved));
            assertThat(preferences.wanted(alex)).isEqualTo(EnumSet.copyOf(others));

            // The page after saving, as the browser follows the redirect: the message and the box unticked.
            LoggedInSession session = logIn("alex");
            mvc.perform(save(others).with(session).with(csrf())).andExpect(status().isFound());
            Document after = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/settings/email").with(session))
                    .andReturn().getResponse().getContentAsString());
            assertThat(after.getElementById("saved").text()).isEqualTo(saved);
            assertThat(after.getElementById("topic-SUBMITTED").hasAttr("checked")).isFalse();
            assertThat(after.getElementById("topic-APPROVED").hasAttr("checked")).isTrue();

            String reference = submit("Work orders after turning off an email", "PW-WORK-ORDERS");
            // The outbox is written in the submission's own transaction: what is not there now never will be.
            assertThat(outbox.about(reference)).extracting(e -> e.getKind() + " to " + e.getRecipient())
                    .containsExactly("TASK_WAITING to sam");
            Mails.Mail task = Mails.awaitOne("sam@example.org", reference);
            assertThat(task.subject()).isEqualTo("Waiting for you: Approve as data steward on " + reference);

            // A status email alex still wants goes out: the agreement is ready once sam approves.
            assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
            runJobs();
            List<OutboxEmail> toAlex = outbox.about(reference).stream()
                    .filter(e -> e.getRecipient().equals("alex")).toList();
            assertThat(toAlex).singleElement().satisfies(e -> {
                assertThat(e.getKind()).isEqualTo(EmailKind.STATUS_CHANGED);
                assertThat(outbox.facts(e)).containsEntry("topic", StatusTopic.AGREEMENT_READY.name());
            });
            Mails.awaitOne("alex@example.org", reference);
            awaitEmails(reference, 1, OutboxEmail.Status.SENT, Duration.ofSeconds(20));
            assertThat(Mails.all()).filteredOn(m -> m.isTo("alex@example.org") && m.subject().contains(reference))
                    .hasSize(1);
        } finally {
            preferences.choose(alex, EnumSet.allOf(StatusTopic.class));
        }
    }

    @Test
    void unTickingEveryBoxSaysTaskEmailsStillCome_andAPostWithoutItsCsrfTokenChangesNothing() throws Exception {
        Person fiona = people.find("fiona").orElseThrow();
        try {
            LoggedInSession session = logIn("fiona");
            mvc.perform(save(List.of()).with(session)).andExpect(status().isForbidden());
            assertThat(preferences.wanted(fiona)).isEqualTo(EnumSet.allOf(StatusTopic.class));

            mvc.perform(save(List.of()).with(session).with(csrf()))
                    .andExpect(status().isFound()).andExpect(redirectedUrl("/settings/email"))
                    .andExpect(flash().attribute("notice", "Saved. You will get no emails about your requests' "
                            + "progress or comments; emails about tasks waiting for you, reminders and escalations "
                            + "still come."));
            assertThat(preferences.wanted(fiona)).isEmpty();
            assertThat(page("fiona", "/settings/email").select("#email-settings input[checked]")).isEmpty();

            // A value the form never offers is not a topic: it is ignored, not stored.
            mvc.perform(save(List.of("COMMENTS", "EVERYTHING")).with(session).with(csrf()))
                    .andExpect(status().isFound());
            assertThat(preferences.wanted(fiona)).containsExactly(StatusTopic.COMMENTS);
        } finally {
            preferences.choose(fiona, EnumSet.allOf(StatusTopic.class));
        }
    }

    private static MockHttpServletRequestBuilder save(List<?> topics) {
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post("/settings/email");
        for (Object topic : topics) {
            post.param("topics", topic.toString());
        }
        return post;
    }
}
