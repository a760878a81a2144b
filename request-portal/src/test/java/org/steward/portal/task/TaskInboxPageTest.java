package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The task inbox: a steward sees the tasks of their own group, with the request's reference and title, the step,
 * since when it waits and when it is due; takes a task and hands it back; cannot take another group's task or one
 * a colleague has; filters by step.
 */
class TaskInboxPageTest extends TaskPages {

    @Autowired
    private TaskService engineTasks;

    @Test
    void aStewardSeesTheirGroupsTaskAndNotAnotherDepartments() throws Exception {
        String reference = submit("Inbox: utility accounts for the housing study", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        Document fiona = page("fiona", "/tasks");
        Element row = rowOf(fiona, reference);
        assertThat(row).as("fiona's inbox lists %s", reference).isNotNull();
        assertThat(cell(row, "Request")).isEqualTo(reference + ": Inbox: utility accounts for the housing study");
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/tasks/" + task);
        assertThat(cell(row, "Step")).isEqualTo("Approve as data steward");
        assertThat(cell(row, "Waiting since")).contains("(less than an hour)");
        assertThat(cell(row, "Due")).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}");
        assertThat(cell(row, "Who has it")).isEqualTo("Nobody yet");
        assertThat(row.select("button").eachText()).containsExactly(
                "Take it: Approve as data steward, " + reference);

        assertThat(rowOf(page("sam", "/tasks"), reference)).as("Public Works' steward's inbox").isNull();
        assertThat(rowOf(page("alex", "/tasks"), reference)).as("the requester's inbox").isNull();
    }

    @Test
    void aStewardTakesATaskAndHandsItBack() throws Exception {
        String reference = submit("Inbox: taken and handed back", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        MvcResult taken = submitForm("fiona", "/tasks/" + task + "/claim");
        assertThat(taken.getResponse().getStatus()).isEqualTo(302);
        assertThat(taken.getResponse().getRedirectedUrl()).isEqualTo("/tasks");
        assertThat(taken.getFlashMap().get("notice").toString()).contains("You took the task")
                .contains(reference);
        assertThat(waitingOn(reference)).contains("approveAsSteward -> fiona");
        Element mine = rowOf(page("fiona", "/tasks"), reference);
        assertThat(cell(mine, "Who has it")).isEqualTo("You");
        assertThat(mine.select("button").eachText()).containsExactly(
                "Hand it back: Approve as data steward, " + reference);
        // The page of the task says so too, and offers to hand it back.
        assertThat(page("fiona", "/tasks/" + task).select("form[action$=/unclaim] button").eachText())
                .containsExactly("Hand it back");

        MvcResult handedBack = submitForm("fiona", "/tasks/" + task + "/unclaim", "back", "task");
        assertThat(handedBack.getResponse().getStatus()).isEqualTo(302);
        assertThat(handedBack.getResponse().getRedirectedUrl()).isEqualTo("/tasks/" + task);
        assertThat(handedBack.getFlashMap().get("notice").toString()).contains("handed back")
                .contains("the data stewards of Finance (stewards-fin)");
        assertThat(waitingOn(reference)).contains("approveAsSteward -> stewards-fin")
                .doesNotContain("approveAsSteward -> fiona");
        assertThat(cell(rowOf(page("fiona", "/tasks"), reference), "Who has it")).isEqualTo("Nobody yet");
    }

    @Test
    void takingATaskThatIsNotYoursIsRefused() throws Exception {
        String reference = submit("Inbox: two departments' data", "PW-WORK-ORDERS", "FIN-UTILITY-ACCOUNTS");
        String financeTask = taskFor(reference, "stewards-fin");

        // sam sees the request (Public Works' data is on it) but the Finance step is not his.
        MvcResult sam = submitForm("sam", "/tasks/" + financeTask + "/claim");
        assertThat(sam.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(sam).select("main").text()).contains("waits for").contains("stewards-fin");
        MvcResult requester = submitForm("alex", "/tasks/" + financeTask + "/claim");
        assertThat(requester.getResponse().getStatus()).isEqualTo(403);
        assertThat(waitingOn(reference)).contains("approveAsSteward -> stewards-fin");

        // A colleague has it: fiona's inbox says who, and she cannot take it from them nor hand it back for them.
        engineTasks.setAssignee(financeTask, "frank");
        try {
            Element taken = rowOf(page("fiona", "/tasks"), reference);
            assertThat(cell(taken, "Who has it")).isEqualTo("Taken by Frank Franklin (frank)");
            assertThat(taken.select("button")).isEmpty();
            MvcResult claim = submitForm("fiona", "/tasks/" + financeTask + "/claim");
            assertThat(claim.getResponse().getStatus()).isEqualTo(403);
            assertThat(html(claim).select("main").text()).contains("already taken by Frank Franklin (frank)");
            assertThat(submitForm("fiona", "/tasks/" + financeTask + "/unclaim").getResponse().getStatus())
                    .isEqualTo(403);
            assertThat(page("fiona", "/tasks/" + financeTask).select("#not-yours").text())
                    .contains("This task waits for Frank Franklin (frank)");
        } finally {
            engineTasks.setAssignee(financeTask, null);
        }
    }

    @Test
    void aTaskOnARequestThePersonMayNotSeeCannotBeTakenAndIsNotThere() throws Exception {
        String reference = submit("Inbox: Finance only", "FIN-UTILITY-ACCOUNTS");
        String task = taskFor(reference, "stewards-fin");

        assertThat(submitForm("sam", "/tasks/" + task + "/claim").getResponse().getStatus()).isEqualTo(404);
        assertThat(submitForm("sam", "/tasks/" + task + "/unclaim").getResponse().getStatus()).isEqualTo(404);
        assertThat(submitForm("sam", "/tasks/no-such-task/claim").getResponse().getStatus()).isEqualTo(404);
        assertThat(waitingOn(reference)).containsExactly("approveAsSteward -> stewards-fin");
    }

    @Test
    void aTaskGivenByNameCannotBeHandedBack() throws Exception {
        String reference = submit("Inbox: signed by name", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String danaTask = taskAssignedTo(reference, "dana");

        Element row = rowOf(page("dana", "/tasks"), reference);
        assertThat(cell(row, "Who has it")).isEqualTo("You");
        assertThat(row.select("button")).as("nothing to hand back").isEmpty();
        MvcResult refused = submitForm("dana", "/tasks/" + danaTask + "/unclaim");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(refused).select("main").text()).contains("given to you by name");
        assertThat(waitingOn(reference)).contains("signAgreement -> dana");
    }

    @Test
    void theInboxFiltersByStep() throws Exception {
        // wes signs one request's agreement and delivers another's data.
        String toSign = submit("Inbox: work orders to sign", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(toSign, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        String toDeliver = submit("Inbox: street centerlines to deliver", "PW-STREET-CENTERLINES");
        assertThat(decide("sam", taskFor(toDeliver, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(waitingOn(toDeliver)).containsExactly("deliverData -> custodians-pw");

        Document all = page("wes", "/tasks");
        assertThat(all.select("select#step option").eachText()).contains("All steps", "Deliver the data",
                "Sign the data-sharing agreement");
        assertThat(all.selectFirst("label[for=step]").text()).isEqualTo("Step");
        assertThat(rowOf(all, toSign)).isNotNull();
        assertThat(rowOf(all, toDeliver)).isNotNull();

        Document delivering = page("wes", "/tasks?step=Deliver the data");
        assertThat(rowOf(delivering, toDeliver)).isNotNull();
        assertThat(rowOf(delivering, toSign)).isNull();
        assertThat(delivering.select("tbody tr").stream().map(r -> cell(r, "Step")).distinct().toList())
                .containsExactly("Deliver the data");
        assertThat(delivering.selectFirst("select#step option[selected]").text()).isEqualTo("Deliver the data");

        Document signing = page("wes", "/tasks?step=Sign the data-sharing agreement");
        assertThat(rowOf(signing, toSign)).isNotNull();
        assertThat(rowOf(signing, toDeliver)).isNull();

        Document none = page("wes", "/tasks?step=A step nobody has");
        assertThat(none.select("tbody tr")).isEmpty();
        assertThat(none.select("main").text()).contains("No task of this step");
    }

    /** The inbox row of a request, or null. */
    static Element rowOf(Document inbox, String reference) {
        List<Element> rows = inbox.select("tbody tr").stream()
                .filter(r -> cell(r, "Request").startsWith(reference + ":")).toList();
        assertThat(rows.size()).as("rows of %s", reference).isLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static String cell(Element row, String label) {
        Element cell = row.selectFirst("td[data-label=" + label + "]");
        return cell == null ? null : cell.text();
    }
}
