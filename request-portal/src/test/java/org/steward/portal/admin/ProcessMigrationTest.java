package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.steward.workflow.audit.AuditTrail;

/**
 * Running requests keep the version they started on when a new one is deployed; an admin moves them, and the engine's
 * check comes first: a version that drops the step they wait at is refused, naming the step, and a compatible one
 * moves the requests chosen, each on its own, with a result for each.
 */
class ProcessMigrationTest extends ProcessPagesTest {

    @Autowired
    private TaskService tasks;

    @Autowired
    private AuditTrail audit;

    @Test
    void requestsStayOnTheirVersionUntilAnAdminMovesTheChosenOnes() throws Exception {
        String key = key("movingTest");
        String v1 = deploy(key, model(key, "Moving test", "review"));
        // One instance carries a real request, so that its page is linked and its audit trail written.
        String reference = submit("Moved to a new version", "PW-STREET-CENTERLINES");
        String real = runtime.startProcessInstanceByKey(key, reference).getId();
        // Business keys are request references: short (at most 20 characters, as the audit trail keeps them).
        String tag = "VT-" + key.substring(key.length() - 8);
        String a = runtime.startProcessInstanceByKey(key, tag + "-a").getId();
        String b = runtime.startProcessInstanceByKey(key, tag + "-b").getId();
        String done = runtime.startProcessInstanceByKey(key, tag + "-d").getId();
        List<String> started = List.of(real, a, b, done).stream().sorted().toList();

        // Version 2 drops the step every request waits at.
        String v2 = deploy(key, model(key, "Moving test", "check"));
        assertThat(runningOn(v1)).containsExactlyElementsOf(started);
        assertThat(runningOn(v2)).isEmpty();

        Document v1Page = adminPage("/admin/processes/" + v1);
        assertThat(v1Page.select("#running-requests tbody tr")).hasSize(4);
        assertThat(v1Page.getElementById("running-" + real).text()).contains(reference, "Moved to a new version",
                "Step review");
        assertThat(v1Page.selectFirst("#running-" + real + " a").attr("href")).isEqualTo("/requests/" + reference);
        assertThat(v1Page.select("#target option").eachAttr("value")).containsExactly(v2);

        Document refused = adminPage("/admin/processes/" + v1 + "?target=" + v2);
        assertThat(refused.getElementById("plan-accepted").text()).contains("none of the requests can move now");
        assertThat(refused.getElementById("unmatched").text()).contains("\u201cStep review\u201d (review)");
        assertThat(refused.select("#move-form input[name=requests]")).hasSize(4)
                .allSatisfy(box -> assertThat(box.hasAttr("checked")).isTrue());
        for (String id : started) {
            assertThat(refused.getElementById("choice-" + id).text()).contains("Cannot move",
                    "It waits at \u201cStep review\u201d (review)",
                    "the engine finds no step in version 2 to carry it over to");
        }
        Document notMoved = html(move(v1, v2, started));
        assertThat(notMoved.getElementById("summary").text()).isEqualTo("0 requests moved, 4 not moved.");
        assertThat(notMoved.getElementById("outcome-" + a).text()).contains("Not moved",
                "It waits at \u201cStep review\u201d (review)");
        assertThat(runningOn(v1)).containsExactlyElementsOf(started);

        // Version 3 keeps the step and adds one after it: the requests can move.
        String v3 = deploy(key, model(key, "Moving test", "review", "publish"));
        Document accepted = adminPage("/admin/processes/" + v1 + "?target=" + v3);
        assertThat(accepted.getElementById("plan-accepted").text())
                .isEqualTo("The engine accepts the plan: 4 of 4 requests can move now.");
        assertThat(accepted.getElementById("carried-over").text()).contains("(review)");
        assertThat(accepted.getElementById("move-button").text()).isEqualTo("Move the chosen requests to version 3");
        assertThat(runningOn(v1)).as("checking moved nothing").containsExactlyElementsOf(started);

        // One request ends between the check and the move; b is not chosen.
        tasks.complete(tasks.createTaskQuery().processInstanceId(done).singleResult().getId(),
                Map.of("decision", "approve"));
        Document moved = html(move(v1, v3, List.of(real, a, done)));
        assertThat(moved.title()).contains("Requests moved");
        assertThat(moved.getElementById("summary").text()).isEqualTo("2 requests moved, 1 not moved.");
        assertThat(moved.getElementById("outcome-" + real).text()).contains(reference, "Moved to version 3");
        assertThat(moved.getElementById("outcome-" + a).text()).contains("Moved to version 3");
        assertThat(moved.getElementById("outcome-" + done).text()).contains("Not moved",
                "no longer on version 1");
        assertThat(runningOn(v3)).containsExactlyInAnyOrder(real, a);
        assertThat(runningOn(v1)).containsExactly(b);

        // A moved request goes on by the new version: after its step comes the one version 3 added.
        tasks.complete(tasks.createTaskQuery().processInstanceId(a).singleResult().getId(),
                Map.of("decision", "approve"));
        assertThat(tasks.createTaskQuery().processInstanceId(a).singleResult().getTaskDefinitionKey())
                .isEqualTo("publish");
        assertThat(audit.of(reference)).filteredOn(e -> e.getType().equals("PROCESS_VERSION_CHANGED"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getActor()).isEqualTo("admin");
                    assertThat(e.getDetail()).contains("version 1 to version 3");
                });
        assertThat(adminPage("/admin/processes/" + v3).getElementById("running-" + real)).isNotNull();
        Element listed = adminPage("/admin/processes").getElementById("version-" + key + "-3");
        assertThat(listed.selectFirst("td.running").text()).isEqualTo("2");
    }

    @Test
    void aMoveWithNothingChosenIsRefusedInPlainWords() throws Exception {
        String key = key("emptyMove");
        String v1 = deploy(key, model(key, "Empty move", "review"));
        String instance = runtime.startProcessInstanceByKey(key, "VT-" + key.substring(key.length() - 8)).getId();
        String v2 = deploy(key, model(key, "Empty move", "review"));

        MvcResult nothing = move(v1, v2, List.of());
        assertThat(nothing.getResponse().getStatus()).isEqualTo(302);
        assertThat(nothing.getFlashMap().get("moveError")).isEqualTo("Choose at least one request to move.");
        assertThat(URLDecoder.decode(nothing.getResponse().getRedirectedUrl(), StandardCharsets.UTF_8))
                .isEqualTo("/admin/processes/" + v1 + "?target=" + v2);
        assertThat(runningOn(v1)).containsExactly(instance);

        Document sameVersion = adminPage("/admin/processes/" + v1 + "?target=" + v1);
        assertThat(sameVersion.getElementById("move-error").text()).contains("on version 1 already");
    }

    private MvcResult move(String source, String target, List<String> instances) throws Exception {
        MockHttpServletRequestBuilder request = form("/admin/processes/" + source + "/move").param("target", target);
        instances.forEach(id -> request.param("requests", id));
        return mvc.perform(request.with(admin()).with(csrf())).andReturn();
    }
}
