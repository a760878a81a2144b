package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.workflow.request.RequestRevisions;

/**
 * Revising a request while changes are requested: the form prefilled with the current version and the reviewers'
 * comments, saving, sending it round again, and what changed for the next round's reviewers.
 */
class RequestRevisePageTest extends RequestPageSupport {

    private static final String ASKED = "Please name only the elements you need: owner names are not needed.";

    @Autowired
    private RequestRevisions revisions;

    @Test
    void theRequesterSeesTheReviewersCommentsRevisesAndSendsItRoundAgain() throws Exception {
        String reference = submit("Accounts for the housing study", "FIN-UTILITY-ACCOUNTS");
        askForChanges(reference, "fiona", "stewards-fin", ASKED);

        String page = html(mvc.perform(open("/requests/" + reference + "/revise").with(as("alex")))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<h1>Revise request " + reference + "</h1>");
        String reviewers = between(page, "What the reviewers said", "</section>");
        assertThat(reviewers).contains("Fiona Fischer").contains("(fiona)").contains("Approve as data steward")
                .contains("Asked for changes").contains(ASKED);
        // Prefilled with the current version.
        assertThat(tag(page, "title")).contains("value=\"Accounts for the housing study\"");
        assertThat(between(page, "id=\"purpose\"", "</textarea>"))
                .endsWith(">Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        assertThat(tag(page, "dataset-FIN-UTILITY-ACCOUNTS")).contains("checked");
        assertThat(tag(page, "recipientType-INTERNAL")).contains("checked");
        assertThat(page).contains(">Save and send it round again</button>").contains(">Save revision</button>")
                .contains("action=\"/requests/" + reference + "/revise\"");
        assertThat(revisions.lastRevisionChanges(reference)).isEmpty();

        // Saved, not sent: still with the requester, and the page says what changed so far.
        Map<String, String> revised = answers("Accounts for the housing study");
        revised.put("purpose", "Estimate rental occupancy by neighbourhood; service addresses and account types only.");
        mvc.perform(form("/requests/" + reference + "/revise", revised, List.of("FIN-UTILITY-ACCOUNTS"),
                List.of("FIN-UTILITY-ACCOUNTS:service_address", "FIN-UTILITY-ACCOUNTS:account_type"))
                .param("action", "save").with(as("alex")).with(csrf()))
                .andExpect(status().isFound());
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(revisions.lastRevisionChanges(reference)).containsExactly("Purpose", "Datasets and elements");
        String saved = html(mvc.perform(open("/requests/" + reference + "/revise").with(as("alex"))).andReturn());
        assertThat(between(saved, "Changed so far in this revision:", "</p>"))
                .contains("Purpose, Datasets and elements");

        // Sent round again, with a file: the review starts afresh, and the reviewers are told what changed.
        MvcResult sent = mvc.perform(form("/requests/" + reference + "/revise", revised,
                List.of("FIN-UTILITY-ACCOUNTS"), List.of("FIN-UTILITY-ACCOUNTS:service_address",
                        "FIN-UTILITY-ACCOUNTS:account_type"), pdf("elements-explained.pdf"))
                .param("action", "send").with(as("alex")).with(csrf())).andExpect(status().isFound()).andReturn();
        assertThat(location(sent)).isEqualTo("/requests/" + reference);
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(request("alex", reference).at("/request/datasets/0/elements").toString())
                .isEqualTo("[\"service_address\",\"account_type\"]");
        assertThat(timeline(reference)).contains("alex:reviseRequest:resubmit:web");
        assertThat(revisions.lastRevisionChanges(reference))
                .containsExactly("Purpose", "Datasets and elements", "Attachments");
        // The steward of the next round can act on it again.
        assertThat(waitingOn(reference)).contains("approveAsSteward -> stewards-fin");
    }

    @Test
    void aRevisionWithAProblemShowsItNextToTheFieldAndKeepsTheRequestAsItWas() throws Exception {
        String reference = submit("Accounts, revised badly", "FIN-UTILITY-ACCOUNTS");
        askForChanges(reference, "fiona", "stewards-fin", ASKED);
        Map<String, String> revised = answers("Accounts, revised badly");
        revised.put("purpose", "Shorter");

        String page = html(mvc.perform(form("/requests/" + reference + "/revise", revised,
                List.of("FIN-UTILITY-ACCOUNTS"), List.of()).param("action", "send").with(as("alex")).with(csrf()))
                .andExpect(status().isOk()).andReturn());

        assertThat(between(page, "<label for=\"purpose\"", "id=\"purpose\"")).contains("at least 20 characters");
        assertThat(between(page, "id=\"purpose\"", "</textarea>")).endsWith(">Shorter");
        assertThat(page).contains(ASKED);
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(request("alex", reference).get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void someoneElseIsRefusedTheRevisionAndWhoMayNotSeeTheRequestFindsNothing() throws Exception {
        String reference = submit("Accounts, not fiona's to revise", "FIN-UTILITY-ACCOUNTS");
        askForChanges(reference, "fiona", "stewards-fin", ASKED);
        String path = "/requests/" + reference + "/revise";

        // Fiona sees the request (she reviews it) but did not make it.
        String refused = html(mvc.perform(open(path).with(as("fiona"))).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML)).andReturn());
        assertThat(refused).contains("Not yours to do")
                .contains("Only the person who made request " + reference + " may revise it.");
        mvc.perform(form(path, answers("Taken over"), List.of("FIN-UTILITY-ACCOUNTS"), List.of())
                .param("action", "send").with(as("fiona")).with(csrf())).andExpect(status().isForbidden());

        // Sam (Public Works) may not see it at all: exactly as a request that does not exist.
        String hidden = html(mvc.perform(open(path).with(as("sam"))).andExpect(status().isNotFound()).andReturn());
        String missing = html(mvc.perform(open("/requests/DR-1999-0001/revise").with(as("sam")))
                .andExpect(status().isNotFound()).andReturn());
        assertThat(withoutTokens(hidden)).isEqualTo(withoutTokens(missing));
        mvc.perform(form(path, answers("Taken over"), List.of("FIN-UTILITY-ACCOUNTS"), List.of())
                .param("action", "send").with(as("sam")).with(csrf())).andExpect(status().isNotFound());

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(request("alex", reference).at("/request/title").asText())
                .isEqualTo("Accounts, not fiona's to revise");
    }

    @Test
    void aRequestThatIsNotWaitingForChangesCannotBeRevisedAndThePageSaysWhy() throws Exception {
        String reference = submit("Accounts under review", "FIN-UTILITY-ACCOUNTS");
        String path = "/requests/" + reference + "/revise";

        String page = html(mvc.perform(open(path).with(as("alex"))).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML)).andReturn());
        assertThat(page).contains("This request cannot be revised now")
                .contains("can be revised only while changes are requested")
                .contains("Waiting for the data stewards").contains("href=\"/requests/" + reference + "\"");

        mvc.perform(form(path, answers("Changed anyway"), List.of("FIN-UTILITY-ACCOUNTS"), List.of())
                .param("action", "save").with(as("alex")).with(csrf())).andExpect(status().isConflict());
        assertThat(request("alex", reference).at("/request/title").asText()).isEqualTo("Accounts under review");
    }
}
