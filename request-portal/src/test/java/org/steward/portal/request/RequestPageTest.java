package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.steward.portal.request.Pages.parse;
import static org.steward.portal.request.Pages.rows;
import static org.steward.portal.request.Pages.rowsAfterFirstCell;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.portal.PublishedEvents;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.RequestAttachments;

/**
 * A request's page as the people on it see it: where it stands, what it waits on, what happened, the agreement, the
 * comment thread and the requester's withdrawal; and, to anyone else, nothing at all.
 */
class RequestPageTest extends IntegrationTest {

    @Autowired
    private PublishedEvents events;

    @Autowired
    private AuditTrail audit;

    @Autowired
    private RequestAttachments attachments;

    @Test
    void thePageSaysWhereTheRequestStandsWhatItWaitsOnWhatHappenedAndShowsTheAgreement() throws Exception {
        String reference = submit("Work orders for the paving plan", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", "Fine for the paving plan").status())
                .isEqualTo(204);
        runJobs();
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        JsonNode agreement = agreement("alex", reference);

        Document page = page("alex", reference);

        assertThat(page.select("h1").text()).isEqualTo(reference + ": Work orders for the paving plan");
        assertThat(page.select("#request-status .status-line").text()).isEqualTo("Status: Waiting for signatures");
        assertThat(rows(page, "#request-status")).hasSize(1);
        Element waiting = page.selectFirst("#request-status tbody tr");
        assertThat(waiting.select("td[data-label=Step]").text()).isEqualTo("Sign the data-sharing agreement");
        assertThat(waiting.select("td[data-label=Who]").text()).isEqualTo("Dana Dalton (dana)");
        assertThat(waiting.select("td[data-label=Since]").text()).endsWith("(less than an hour)");
        assertThat(waiting.select("td[data-label=Due] time").attr("datetime"))
                .isEqualTo(currentTasks(reference).get(0).get("due").asText());

        assertThat(page.select("#asked dd").eachText()).contains("Street maintenance work orders (PW-WORK-ORDERS), "
                + "from Public Works, internal All of its elements", "A city department: Community Development");

        assertThat(rowsAfterFirstCell(page, "#timeline")).containsExactly(
                "Request submitted | Alex Anders (alex) | Submitted |  | API",
                "Approve as data steward | Sam Sorensen (sam) | Approved | Fine for the paving plan | API",
                "Sign the data-sharing agreement | Wes Weller (wes) | Signed |  | API");

        Element section = page.getElementById("agreement");
        assertThat(section.select("dl dd").eachText()).startsWith(agreement.get("number").asText(), "1",
                "Out for signature");
        assertThat(section.select("dd.hash").text()).isEqualTo(agreement.get("sha256").asText());
        List<String> parties = section.select("h3:contains(Parties) + table tbody tr").stream()
                .map(row -> row.select("td").stream().limit(3).map(Element::text).toList().toString()).toList();
        assertThat(parties).containsExactly("[Public Works, Provides the data, Wes Weller (wes)]",
                "[Community Development, Receives the data, Dana Dalton (dana)]");
        assertThat(section.select("h3:contains(Parties) + table tbody tr td[data-label=\"This version\"]").eachText())
                .satisfiesExactly(wes -> assertThat(wes).startsWith("Signed "),
                        dana -> assertThat(dana).isEqualTo("Not signed yet"));
        assertThat(section.select("h3:contains(Signatures) + table tbody tr").stream()
                .map(row -> row.select("td").stream().limit(3).map(Element::text).toList().toString()).toList())
                .containsExactly("[Wes Weller (wes), Public Works (provides the data), Wes Weller]");
        assertThat(section.selectFirst(".agreement-text").text())
                .isEqualTo(org.jsoup.Jsoup.parse(agreement.get("text").asText()).body().text());

        assertThat(page.getElementById("diagram")).isNotNull();
        assertThat(page.getElementById("process-diagram").attr("data-diagram-url"))
                .isEqualTo("/requests/" + reference + "/diagram.bpmn");
        assertThat(page.select("script[src]").eachAttr("src"))
                .contains("/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js", "/js/request-diagram.js");
        assertThat(page.select("#attachments p").text()).isEqualTo("No files are attached to this request.");
        assertThat(page.getElementById("withdraw")).as("the requester may withdraw while it is being signed")
                .isNotNull();

        Document stewardsView = page("sam", reference);
        assertThat(stewardsView.select("#request-status .status-line").text()).isEqualTo("Status: Waiting for signatures");
        assertThat(stewardsView.getElementById("withdraw")).as("only the requester may withdraw").isNull();
    }

    @Test
    void theOpenStepShowsItsGroupAndLinksToTheTaskForThoseWhoMayDoIt() throws Exception {
        String reference = submit("Centerlines, waiting on Public Works", "PW-STREET-CENTERLINES");
        String task = taskFor(reference, "stewards-pw");

        Document requesters = page("alex", reference);
        assertThat(requesters.select("#request-status .status-line").text())
                .isEqualTo("Status: Waiting for the data stewards");
        assertThat(requesters.select("#request-status td[data-label=Who]").text()).isEqualTo("Anyone in stewards-pw");
        assertThat(requesters.select("#request-status a[href^=/tasks/]")).isEmpty();

        Document stewards = page("sam", reference);
        assertThat(stewards.select("#request-status a[href^=/tasks/]").eachAttr("href"))
                .containsExactly("/tasks/" + task);
    }

    @Test
    void someoneWhoMayNotSeeTheRequestGetsExactlyThePageOfOneThatDoesNotExist() throws Exception {
        String reference = submit("Work orders, not for Finance", "PW-WORK-ORDERS");

        MockHttpServletResponse hidden = answer(MockMvcRequestBuilders.get("/requests/" + reference).with(httpBasic("fiona", "demo")));
        MockHttpServletResponse missing = answer(MockMvcRequestBuilders.get("/requests/DR-1999-9999").with(httpBasic("fiona", "demo")));

        assertThat(hidden.getStatus()).isEqualTo(404);
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(Pages.withoutTokens(html(hidden))).isEqualTo(Pages.withoutTokens(html(missing)))
                .contains("Not found").doesNotContain("Work orders");
        for (String path : List.of("/status", "/diagram.bpmn", "/diagram-state")) {
            assertThat(answer(MockMvcRequestBuilders.get("/requests/" + reference + path).with(httpBasic("fiona", "demo"))).getStatus())
                    .as(path).isEqualTo(404);
        }
        assertThat(answer(MockMvcRequestBuilders.get("/requests/" + reference).with(httpBasic("audrey", "demo"))).getStatus())
                .as("the auditor sees every request").isEqualTo(200);
    }

    @Test
    void theRequesterWithdrawsAfterTickingTheConfirmation() throws Exception {
        String reference = submit("Work orders, withdrawn from the page", "PW-WORK-ORDERS");

        MockHttpServletResponse unconfirmed = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw")
                .param("reason", "The paving plan was postponed").with(httpBasic("alex", "demo")).with(csrf()));

        assertThat(unconfirmed.getStatus()).isEqualTo(400);
        Document refused = parse(html(unconfirmed));
        assertThat(refused.select("#withdraw .error-message").text())
                .isEqualTo("Tick the box to confirm that you want to withdraw this request.");
        // Said at the top too, where the page opens, with a link to the box.
        assertThat(refused.select("#withdraw-not-done").text()).startsWith("The request was not withdrawn.");
        assertThat(refused.select("#withdraw-not-done a").attr("href")).isEqualTo("#withdraw-confirm");
        assertThat(refused.select("#withdraw-reason").text()).isEqualTo("The paving plan was postponed");
        assertThat(refused.select("#withdraw-confirm").attr("aria-invalid")).isEqualTo("true");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");

        MvcResult confirmed = mvc.perform(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw").param("confirm", "true")
                .param("reason", "The paving plan was postponed").with(httpBasic("alex", "demo")).with(csrf()))
                .andReturn();

        assertThat(confirmed.getResponse().getStatus()).isEqualTo(302);
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + reference);
        assertThat(confirmed.getFlashMap().get("notice").toString()).startsWith("You withdrew this request.");
        Document page = page("alex", reference);
        assertThat(page.select("#request-status .status-line").text()).isEqualTo("Status: Withdrawn by the requester");
        assertThat(page.select("#request-status").text()).contains("Nobody: no step is open.");
        assertThat(page.getElementById("request-status").hasAttr("hx-trigger")).as("an ended request stops polling")
                .isFalse();
        assertThat(rowsAfterFirstCell(page, "#timeline")).last()
                .isEqualTo("Request withdrawn | Alex Anders (alex) | Withdrawn | The paving plan was postponed | Web page");
        assertThat(page.getElementById("withdraw")).isNull();
        assertThat(currentTasks(reference)).isEmpty();
    }

    @Test
    void withdrawingAfterDeliveryStartedIsRefusedWithAMessageOnThePage() throws Exception {
        String reference = submit("Centerlines, too late to withdraw from the page", "PW-STREET-CENTERLINES");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(page("alex", reference).getElementById("withdraw")).as("no withdrawal offered once delivering")
                .isNull();

        MockHttpServletResponse tooLate = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw").param("confirm", "true")
                .with(httpBasic("alex", "demo")).with(csrf()));

        assertThat(tooLate.getStatus()).isEqualTo(409);
        Document page = parse(html(tooLate));
        assertThat(page.select(".alert--error[role=alert]").text()).startsWith("That could not be done.")
                .contains(reference + " can no longer be withdrawn");
        assertThat(page.select("#request-status .status-line").text()).isEqualTo("Status: Being delivered");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
    }

    @Test
    void someoneElseOnTheRequestMayNotWithdrawItAndIsToldSo() throws Exception {
        String reference = submit("Work orders, withdrawn by the steward", "PW-WORK-ORDERS");

        MockHttpServletResponse notYours = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw").param("confirm", "true")
                .with(httpBasic("sam", "demo")).with(csrf()));

        assertThat(notYours.getStatus()).isEqualTo(403);
        assertThat(parse(html(notYours)).select(".alert--error").text())
                .contains("Only the person who made request " + reference + " may withdraw it.");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw").param("confirm", "true")
                .with(httpBasic("fiona", "demo")).with(csrf())).getStatus()).as("not on the request: not found")
                .isEqualTo(404);
    }

    @Test
    void aCommentPostedIsReadByAnotherPersonOnTheRequestExactlyAsTyped() throws Exception {
        String reference = submit("Work orders, with a question", "PW-WORK-ORDERS");
        String typed = "Could you include <b>closed</b> orders too?\r\nThe 2025 ones are enough.";

        MvcResult posted = mvc.perform(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", typed)
                .with(httpBasic("alex", "demo")).with(csrf())).andReturn();

        assertThat(posted.getResponse().getStatus()).isEqualTo(302);
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + reference + "#comments");
        Document stewards = page("sam", reference);
        assertThat(stewards.select("#comments .comment__meta strong").eachText()).containsExactly("Alex Anders (alex)");
        Element body = stewards.selectFirst("#comments .comment__body");
        assertThat(body.wholeText()).isEqualTo("Could you include <b>closed</b> orders too?\nThe 2025 ones are enough.");
        assertThat(body.select("b")).as("markup is shown as typed, never run").isEmpty();
        assertThat(events.commentsPostedOn(reference)).singleElement()
                .satisfies(event -> assertThat(event.author()).isEqualTo("alex"));
        assertThat(audit.of(reference)).filteredOn(e -> e.getType().equals("COMMENTED")).singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("alex"))
                .satisfies(e -> assertThat(e.getChannel()).isEqualTo("web"));

        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "We can.")
                .with(httpBasic("sam", "demo")).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(page("alex", reference).select("#comments .comment__meta strong").eachText())
                .containsExactly("Alex Anders (alex)", "Sam Sorensen (sam)");
    }

    @Test
    void anEmptyOrTooLongCommentIsRefusedNextToItsFieldWithTheTextKept() throws Exception {
        String reference = submit("Work orders, with comments refused", "PW-WORK-ORDERS");

        MockHttpServletResponse empty = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "  \n ")
                .with(httpBasic("alex", "demo")).with(csrf()));
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(parse(html(empty)).select("#comments .field--error .error-message").text())
                .isEqualTo("Write your comment before posting it.");

        String tooLong = "x".repeat(4001);
        MockHttpServletResponse long_ = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", tooLong)
                .with(httpBasic("alex", "demo")).with(csrf()));
        assertThat(long_.getStatus()).isEqualTo(400);
        Document page = parse(html(long_));
        assertThat(page.select("#comments .error-message").text()).isEqualTo("A comment can be at most 4,000 characters "
                + "long; this one has 4,001. Shorten it.");
        assertThat(page.select("#comment-body").text()).isEqualTo(tooLong);
        assertThat(page.select("#comment-body").attr("aria-describedby")).isEqualTo("comment-hint comment-error");
        assertThat(page.select("#comments .comment-list")).isEmpty();

        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "x".repeat(4000))
                .with(httpBasic("alex", "demo")).with(csrf())).getStatus()).as("4000 characters fit").isEqualTo(302);
    }

    @Test
    void someoneWhoCannotSeeTheRequestCannotCommentOnIt() throws Exception {
        String reference = submit("Work orders, not for Finance's comments", "PW-WORK-ORDERS");

        MockHttpServletResponse refused = answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "Hello")
                .with(httpBasic("fiona", "demo")).with(csrf()));

        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(html(refused)).contains("Not found").doesNotContain("Hello");
        assertThat(page("alex", reference).select("#comments").text()).contains("No comments yet.");
        assertThat(events.commentsPostedOn(reference)).isEmpty();
    }

    @Test
    void aPostFromABrowserSessionNeedsItsCsrfToken() throws Exception {
        String reference = submit("Work orders, commented from a session", "PW-WORK-ORDERS");
        LoggedInSession session = LoggedInSession.from(mvc.perform(formLogin().user("alex").password("demo"))
                .andReturn());

        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "Without a token")
                .with(session)).getStatus()).isEqualTo(403);
        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/withdraw").param("confirm", "true")
                .with(session)).getStatus()).isEqualTo(403);
        assertThat(page("alex", reference).select("#comments").text()).contains("No comments yet.");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");

        assertThat(answer(MockMvcRequestBuilders.post("/requests/" + reference + "/comments").param("body", "With a token")
                .with(session).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(page("alex", reference).select("#comments .comment__body").eachText()).containsExactly("With a token");
    }

    @Test
    void theStatusBlockRefreshesItselfAndIsLeftAloneWhileNothingChanges() throws Exception {
        String reference = submit("Centerlines, followed as they move", "PW-STREET-CENTERLINES");
        Element block = page("alex", reference).getElementById("request-status");
        assertThat(block.attr("hx-trigger")).isEqualTo("every 10s");
        assertThat(block.attr("hx-swap")).isEqualTo("outerHTML");
        assertThat(block.parent().attr("aria-live")).isEqualTo("polite");
        String poll = block.attr("hx-get");
        assertThat(poll).startsWith("/requests/" + reference + "/status?since=");

        assertThat(answer(MockMvcRequestBuilders.get(poll).with(httpBasic("alex", "demo"))).getStatus()).as("nothing changed").isEqualTo(204);
        MockHttpServletResponse whole = answer(MockMvcRequestBuilders.get("/requests/" + reference + "/status").with(httpBasic("alex", "demo")));
        assertThat(whole.getStatus()).isEqualTo(200);
        assertThat(html(whole)).doesNotContain("<html").doesNotContain("<main");
        assertThat(parse(html(whole)).select(".status-line").text()).isEqualTo("Status: Waiting for the data stewards");

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        MockHttpServletResponse moved = answer(MockMvcRequestBuilders.get(poll).with(httpBasic("alex", "demo")));

        assertThat(moved.getStatus()).isEqualTo(200);
        Document fragment = parse(html(moved));
        assertThat(fragment.select("#request-status .status-line").text()).isEqualTo("Status: Being delivered");
        assertThat(fragment.select("#request-status td[data-label=Step]").text()).isEqualTo("Deliver the data");
        assertThat(fragment.select("#request-status td[data-label=Who]").text()).isEqualTo("Anyone in custodians-pw");
        assertThat(fragment.select("#request-status").text()).contains("This changed while you were looking.");
        assertThat(fragment.getElementById("request-status").attr("hx-get")).isNotEqualTo(poll);
    }

    @Test
    void theRequesterIsOfferedTheRevisionWhenChangesAreRequestedAndFilesAddedAreListed() throws Exception {
        String reference = submit("Work orders, to be revised", "PW-WORK-ORDERS");
        assertThat(page("alex", reference).select("a[href$=/revise]")).isEmpty();
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Say which years").status())
                .isEqualTo(204);
        runJobs();

        Document page = page("alex", reference);

        assertThat(page.select("#request-status .status-line").text())
                .isEqualTo("Status: Changes requested: waiting for the requester");
        assertThat(page.select("a[href$=/revise]").eachAttr("href")).containsExactly("/requests/" + reference + "/revise");
        assertThat(page.select("a[href$=/revise]").text()).isEqualTo("Revise this request");
        assertThat(page("sam", reference).select("a[href$=/revise]")).isEmpty();

        attachments.addToRequest(new Person("alex", "Alex Anders", null, Set.of("staff-cd")), reference,
                List.of(new RequestAttachments.Upload("years.csv", "text/csv", "year\n2025\n".getBytes())), "web");
        Document withFile = page("sam", reference);
        assertThat(rowsAfterFirstCell(withFile, "#attachments")).singleElement().asString()
                .startsWith("CSV | 10 bytes | Alex Anders (alex) | ");
        Element link = withFile.selectFirst("#attachments td[data-label=File] a");
        assertThat(link.text()).isEqualTo("years.csv");
        assertThat(answer(MockMvcRequestBuilders.get(link.attr("href")).with(httpBasic("sam", "demo")))
                .getContentAsString()).isEqualTo("year\n2025\n");
    }

    private Document page(String user, String reference) throws Exception {
        MockHttpServletResponse response = answer(MockMvcRequestBuilders.get("/requests/" + reference).with(httpBasic(user, "demo")));
        assertThat(response.getStatus()).as("%s opens %s", user, reference).isEqualTo(200);
        return parse(html(response));
    }

    private MockHttpServletResponse answer(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
