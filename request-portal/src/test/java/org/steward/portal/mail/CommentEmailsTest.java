package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.workflow.request.RequestParticipants;

/** A comment posted on the request's page reaches everyone on the request but its author, with its text. */
class CommentEmailsTest extends MailTest {

    @Autowired
    private RequestParticipants participants;

    @Test
    void aCommentReachesThePeopleOnTheRequest_butNotItsAuthor() throws Exception {
        String title = "Work orders, a question on the comment thread";
        String reference = submit(title, "PW-WORK-ORDERS");
        settled(reference);
        String typed = "Do you need the crew names?\nWe can leave them out & send the rest by Friday.";

        MvcResult posted = postForm("sam", "/requests/" + reference + "/comments", "body", typed);
        assertThat(posted.getResponse().getStatus()).isEqualTo(302);

        List<OutboxEmail> rows = eventually("the comment's emails written", () -> {
            List<OutboxEmail> written = outbox.about(reference).stream()
                    .filter(r -> r.getKind() == EmailKind.COMMENT_POSTED).toList();
            return written.isEmpty() ? null : written;
        });
        Set<String> expected = new TreeSet<>(participants.peopleOn(reference));
        expected.remove("sam");
        assertThat(expected).as("the requester is on the request, the author is not written to").contains("alex");
        assertThat(rows).extracting(OutboxEmail::getRecipient).containsExactlyInAnyOrderElementsOf(expected);

        List<Mails.Mail> comments = settled(reference).stream()
                .filter(m -> m.subject().equals("Sam Sorensen commented on " + reference)).toList();
        assertThat(comments).extracting(m -> m.to().get(0))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(id -> id + "@example.org").toList())
                .doesNotContain("sam@example.org");
        Mails.Mail toAlex = comments.stream().filter(m -> m.isTo("alex@example.org")).findFirst().orElseThrow();
        assertThat(toAlex.text()).contains("Hello Alex Anders",
                "Sam Sorensen commented on request " + reference + ", \"" + title + "\":", typed,
                "What is asked: nothing, unless you want to answer.",
                "Answer on the request's page:\n" + portal("/requests/" + reference));
        assertThat(toAlex.htmlText()).contains("Sam Sorensen commented on " + reference, title,
                "We can leave them out & send the rest by Friday.");
        assertThat(toAlex.htmlLinks()).containsEntry("Open the request", portal("/requests/" + reference));
    }
}
