package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A task's page for each base step: what the reviewer reads before deciding, the form drawn from the model, the
 * decisions as buttons, the errors next to their fields with everything typed kept; and what the page answers to
 * a person who may not see the request (404), who is not the one to act (403), and on a task already done (409).
 */
class TaskPageTest extends TaskPages {

    private static final String CONDITIONS = "Publish only aggregates of 10 or more accounts & never <b>owner names</b>.";

    @Test
    void theStewardReadsTheRequestAndApprovesFromThePage() throws Exception {
        String reference = submit("Task page: utility accounts", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        Document page = page("fiona", "/tasks/" + task);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Approve as data steward");
        assertThat(page.title()).contains("Approve as data steward").contains(reference);
        String summary = page.selectFirst("section[aria-labelledby=request-heading]").text();
        assertThat(summary).contains("Task page: utility accounts")
                .contains("Waiting for the data stewards")
                .contains("Alex Anders (alex), Community Development (CD)")
                .contains("Estimate rental occupancy by neighbourhood for the 2027 housing plan.")
                .contains("City charter, planning authority")
                .contains("Community Development (CD), a city department")
                .contains("Once")
                .contains("Encrypted file transfer")
                .contains("Deleted 12 months after delivery")
                .contains("Stored on the planning file share, access limited to two analysts");
        assertThat(page.select("section[aria-labelledby=request-heading] tbody tr").eachText()).containsExactly(
                "Utility billing accounts FIN-UTILITY-ACCOUNTS Finance Confidential Holds personal information "
                        + "All elements: account_id, service_address, account_type, owner_name, monthly_usage");
        assertThat(page.select("section[aria-labelledby=timeline-heading] tbody tr").eachText())
                .anyMatch(line -> line.contains("Alex Anders (alex)") && line.contains("submitted"));
        assertThat(decisionButtons(page)).containsExactly("approve:Approve", "reject:Reject", "changes:Ask for changes");
        assertThat(page.selectFirst("label[for=field-comment]").text()).isEqualTo("Comment");
        assertThat(page.selectFirst("textarea#field-comment").attr("name")).isEqualTo("comment");
        assertThat(page.selectFirst("#field-comment-hint").text()).contains("Reject or Ask for changes");
        assertThat(page.select("#task-form button[disabled]")).as("Enter in a field takes no decision").hasSize(1);
        assertThat(page.selectFirst("#task-form input[name=_csrf]")).isNotNull();

        MvcResult approved = submitForm("fiona", "/tasks/" + task, "decision", "approve", "comment", "");
        assertThat(approved.getResponse().getStatus()).isEqualTo(302);
        assertThat(approved.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + reference);
        assertThat(approved.getFlashMap().get("notice").toString())
                .isEqualTo("Your decision \u201cApprove\u201d on \u201cApprove as data steward\u201d is recorded.");
        assertThat(timeline(reference)).contains("fiona:approveAsSteward:approve:web");
    }

    @Test
    void rejectingOrAskingForChangesNeedsACommentShownNextToIt() throws Exception {
        String reference = submit("Task page: reject needs a reason", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        MvcResult noReason = submitForm("fiona", "/tasks/" + task, "decision", "reject", "comment", "  ");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        Document page = html(noReason);
        assertThat(errorNextTo(page, "comment")).contains("Say why").contains("reject");
        assertThat(page.selectFirst("#problem").text()).contains("Some answers need attention")
                .contains("Say why");
        assertThat(page.selectFirst("#problem a").attr("href")).isEqualTo("#field-comment");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");

        MvcResult noChangesSaid = submitForm("fiona", "/tasks/" + task, "decision", "changes");
        assertThat(noChangesSaid.getResponse().getStatus()).isEqualTo(400);
        assertThat(errorNextTo(html(noChangesSaid), "comment")).contains("ask for changes");

        MvcResult changes = submitForm("fiona", "/tasks/" + task, "decision", "changes", "comment",
                "Ask only for service_address and account_type <please>");
        assertThat(changes.getResponse().getStatus()).isEqualTo(302);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(request("alex", reference).get("history").findValuesAsText("comment"))
                .contains("Ask only for service_address and account_type <please>");
    }

    @Test
    void privacyApprovalWithConditionsNeedsThemAndKeepsEverythingTyped() throws Exception {
        String reference = submit("Task page: privacy with conditions", "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String task = taskFor(reference, "privacy-office");

        Document page = page("pat", "/tasks/" + task);
        assertThat(decisionButtons(page)).containsExactly("approve:Approve",
                "approve_with_conditions:Approve with conditions", "reject:Reject", "changes:Ask for changes");
        // Questions are answered yes or no; free text has room.
        assertThat(page.selectFirst("fieldset#field-leavesCity legend").text()).isEqualTo("Does the data leave the city?");
        assertThat(page.select("input[type=radio][name=fields[leavesCity]]").eachAttr("value"))
                .containsExactly("true", "false");
        assertThat(page.selectFirst("textarea#field-personalData")).isNotNull();
        assertThat(page.selectFirst("textarea#field-conditions")).isNotNull();
        assertThat(page.selectFirst("#field-conditions-hint").text()).contains("Approve with conditions");

        MvcResult missing = submitForm("pat", "/tasks/" + task, "decision", "approve_with_conditions",
                "fields[personalData]", "Service addresses <and> account types", "fields[leavesCity]", "false",
                "fields[identifiersRemovable]", "true", "fields[legalAuthority]", "City charter",
                "fields[retentionAcceptable]", "true", "fields[fullAssessmentNeeded]", "false",
                "fields[conditions]", "", "comment", "Fine with conditions");
        assertThat(missing.getResponse().getStatus()).isEqualTo(400);
        Document again = html(missing);
        assertThat(errorNextTo(again, "conditions")).contains("Write the conditions");
        assertThat(errorNextTo(again, "personalData")).isNull();
        assertThat(valueOf(again, "fields[personalData]")).isEqualTo("Service addresses <and> account types");
        assertThat(valueOf(again, "fields[leavesCity]")).isEqualTo("false");
        assertThat(valueOf(again, "fields[identifiersRemovable]")).isEqualTo("true");
        assertThat(valueOf(again, "fields[legalAuthority]")).isEqualTo("City charter");
        assertThat(valueOf(again, "comment")).isEqualTo("Fine with conditions");
        assertThat(again.html()).doesNotContain("<and>");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");

        MvcResult approved = submitForm("pat", "/tasks/" + task, "decision", "approve_with_conditions",
                "fields[personalData]", "Service addresses and account types", "fields[leavesCity]", "false",
                "fields[identifiersRemovable]", "true", "fields[legalAuthority]", "City charter",
                "fields[retentionAcceptable]", "true", "fields[fullAssessmentNeeded]", "false",
                "fields[conditions]", CONDITIONS, "comment", "");
        assertThat(approved.getResponse().getStatus()).isEqualTo(302);
        runJobs();
        assertThat(agreement("alex", reference).get("conditions").asText()).isEqualTo(CONDITIONS);
        assertThat(timeline(reference)).contains("pat:privacyReview:approve_with_conditions:web");
    }

    @Test
    void theRevisePageIsLinkedFromTheRevisingTask() throws Exception {
        String reference = submit("Task page: revise", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Fewer columns, please").status())
                .isEqualTo(204);
        runJobs();
        String task = taskAssignedTo(reference, "alex");

        Document page = page("alex", "/tasks/" + task);
        assertThat(page.select("a[href=/requests/" + reference + "/revise]").eachText())
                .containsExactly("Revise the request");
        assertThat(decisionButtons(page)).containsExactly("resubmit:Send it round again",
                "withdraw:Withdraw the request");
        assertThat(page.select("section[aria-labelledby=timeline-heading] tbody tr").eachText())
                .anyMatch(line -> line.contains("Sam Sorensen (sam)") && line.contains("Fewer columns, please"));
    }

    @Test
    void aTaskOnARequestThePersonMayNotSeeIsNotThere() throws Exception {
        String reference = submit("Task page: not for Public Works", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        MvcResult hidden = open("sam", "/tasks/" + task);
        MvcResult missing = open("sam", "/tasks/no-such-task");
        assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(hidden).select("main").text()).isEqualTo(html(missing).select("main").text())
                .doesNotContain(reference);
        assertThat(submitForm("sam", "/tasks/" + task, "decision", "approve").getResponse().getStatus())
                .isEqualTo(404);
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");
    }

    @Test
    void aPersonWhoSeesTheRequestButIsNotTheOneToActReadsWhoItWaitsForAndIsRefused() throws Exception {
        String reference = submit("Task page: not alex's step", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        Document page = page("alex", "/tasks/" + task);
        assertThat(page.selectFirst("#not-yours").text())
                .contains("This task waits for the data stewards of Finance (stewards-fin)");
        assertThat(page.selectFirst("#task-form")).isNull();

        MvcResult refused = submitForm("alex", "/tasks/" + task, "decision", "approve");
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(refused).selectFirst("#problem").text()).contains("waits for").contains("stewards-fin");
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");
    }

    @Test
    void aTaskAlreadyDoneSaysWhoCompletedIt() throws Exception {
        String reference = submit("Task page: already approved", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");
        assertThat(decide("fiona", task, "approve", null).status()).isEqualTo(204);

        MvcResult again = open("fiona", "/tasks/" + task);
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(again).select("main").text()).contains("already completed by Fiona Fischer (fiona)")
                .contains("approve");
        MvcResult late = submitForm("fiona", "/tasks/" + task, "decision", "reject", "comment", "Too late");
        assertThat(late.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(late).select("main").text()).contains("already completed by Fiona Fischer (fiona)");
        // The requester, who may see the request, reads the same.
        assertThat(open("alex", "/tasks/" + task).getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void everyPostOfATaskNeedsTheSecurityToken() throws Exception {
        String reference = submit("Task page: no CSRF token", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");
        LoggedInSession fiona = LoggedInSession.from(mvc.perform(formLogin("/login").user("fiona").password("demo"))
                .andReturn());

        for (String path : new String[] {"/tasks/" + task, "/tasks/" + task + "/claim", "/tasks/" + task + "/unclaim"}) {
            int status = mvc.perform(MockMvcRequestBuilders.post(path).with(fiona).param("decision", "approve"))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as("POST %s without the token", path).isEqualTo(403);
        }
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");

        MvcResult withToken = mvc.perform(MockMvcRequestBuilders.post("/tasks/" + task).with(fiona)
                .param("decision", "approve").with(csrf())).andReturn();
        assertThat(withToken.getResponse().getStatus()).isEqualTo(302);
        assertThat(timeline(reference)).contains("fiona:approveAsSteward:approve:web");
    }
}
