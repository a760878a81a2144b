package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The versions of every process and decision for admins: the list matches the engine, who deployed what is the person
 * the engine recorded (through the page or through /engine-rest, as the Modeler deploys), a refused deployment names
 * every problem and leaves nothing deployed, and nobody but admins gets in.
 */
class ProcessVersionsPageTest extends ProcessPagesTest {

    @Autowired
    private HistoryService history;

    @Test
    void theListShowsEveryVersionOfTheShippedModelsAsTheEngineHasThem() throws Exception {
        Document page = adminPage("/admin/processes");
        assertThat(page.title()).isEqualTo("Processes and decisions · Steward");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Processes and decisions");
        assertThat(page.selectFirst("a#deploy-link").attr("href")).isEqualTo("/admin/processes/deploy");

        List<ProcessDefinition> processes = repository.createProcessDefinitionQuery()
                .processDefinitionKey("data-request").orderByProcessDefinitionVersion().desc().list();
        assertThat(processes).isNotEmpty();
        assertThat(page.select("#process-data-request tbody tr")).hasSize(processes.size());
        for (ProcessDefinition process : processes) {
            Element row = page.getElementById("version-data-request-" + process.getVersion());
            assertThat(row).as("version %s of data-request", process.getVersion()).isNotNull();
            assertThat(row.selectFirst("th a").text()).isEqualTo("Version " + process.getVersion());
            assertThat(row.selectFirst("th a").attr("href")).isEqualTo("/admin/processes/" + process.getId());
            assertThat(row.selectFirst("td.running").text()).isEqualTo(String.valueOf(
                    runtime.createProcessInstanceQuery().processDefinitionId(process.getId()).count()));
            assertThat(row.selectFirst("td.deployed-by").text()).isEqualTo("Steward release");
            assertThat(row.selectFirst("td.source").text()).isEqualTo("Steward release");
            assertThat(row.select("td").get(0).text()).isEqualTo(process.getVersionTag());
        }
        assertThat(page.getElementById("version-data-request-" + processes.get(0).getVersion()).text())
                .contains("Newest");

        List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey("review-route").orderByDecisionDefinitionVersion().desc().list();
        assertThat(page.select("#decision-review-route tbody tr")).hasSize(decisions.size());
        for (DecisionDefinition decision : decisions) {
            Element row = page.getElementById("version-review-route-" + decision.getVersion());
            assertThat(row.selectFirst("td.deployed-by").text()).isEqualTo("Steward release");
            assertThat(row.selectFirst("td.evaluations").text()).isEqualTo(String.valueOf(history
                    .createHistoricDecisionInstanceQuery().decisionDefinitionId(decision.getId()).count()));
        }

        // The overview links here.
        assertThat(adminPage("/admin").select("a[href=/admin/processes]").text())
                .isEqualTo("Processes and decisions");
    }

    @Test
    void aVersionsPageShowsItsDiagramOrItsRulesAndItsFile() throws Exception {
        String submitted = submit("Seen on its version's page", "PW-STREET-CENTERLINES");
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey("data-request")
                .latestVersion().singleResult();
        Document page = adminPage("/admin/processes/" + process.getId());
        assertThat(page.title()).isEqualTo("Data request, version " + process.getVersion() + " · Steward");
        assertThat(page.getElementById("deployed-by").text()).isEqualTo("Steward release");
        assertThat(page.getElementById("no-warnings").text()).isEqualTo("No warnings.");
        Element diagram = page.getElementById("process-diagram");
        assertThat(diagram.attr("data-diagram-url")).isEqualTo("/admin/processes/" + process.getId() + "/model");
        Element running = page.selectFirst("#running-requests a[href=/requests/" + submitted + "]");
        assertThat(running).as("the request just submitted runs on the newest version").isNotNull();
        assertThat(running.parent().parent().text()).contains("Seen on its version's page",
                "Waiting for the data stewards");

        MvcResult file = mvc.perform(page("/admin/processes/" + process.getId() + "/model").with(admin()))
                .andExpect(status().isOk()).andReturn();
        assertThat(file.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
                .contains("data-request.bpmn");
        assertThat(file.getResponse().getContentAsString()).contains("id=\"data-request\"");
        String state = mvc.perform(page("/admin/processes/" + process.getId() + "/diagram-state").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(state).get("current").toString()).contains("approveAsSteward");

        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("review-route")
                .latestVersion().singleResult();
        Document rules = adminPage("/admin/processes/" + decision.getId());
        assertThat(rules.getElementById("hit-policy").text()).contains("First");
        assertThat(rules.select("#rules tbody tr")).hasSize(5);
        assertThat(rules.select("#rules thead th").eachText()).contains("When: Any dataset holds personal information",
                "Then: Privacy review");
        assertThat(rules.getElementById("process-diagram")).isNull();

        mvc.perform(page("/admin/processes/no-such-version:1:x").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void aModelDeployedThroughThePageIsTheAdminsAndShowsItsNewVersion() throws Exception {
        String key = key("deployedByPage");
        MvcResult deployed = deployThroughThePage(admin(), file(key + ".bpmn", model(key, "Page test", "review")));
        assertThat(deployed.getResponse().getStatus()).isEqualTo(302);
        assertThat(deployed.getResponse().getRedirectedUrl()).startsWith("/admin/processes/deployments/");
        assertThat(deployed.getFlashMap().get("notice")).isEqualTo("Deployed: Page test version 1.");

        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .singleResult();
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                .singleResult();
        assertThat(deployment.getSource()).isEqualTo("steward-admin-page");
        assertThat(history.createUserOperationLogQuery().deploymentId(deployment.getId())
                .entityType(EntityTypes.DEPLOYMENT).operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list())
                .isNotEmpty().allSatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("admin"));

        Document result = adminPage(deployed.getResponse().getRedirectedUrl());
        assertThat(result.getElementById("deployed-by").text()).isEqualTo("Admin Adams (admin)");
        assertThat(result.getElementById("source").text()).isEqualTo("Admin page");
        assertThat(result.getElementById("deployed-" + key).text()).contains("Page test", "Version 1", "Newest");
        // Warnings do not block: the deployment's page lists them, each with its element.
        assertThat(result.select("#warnings li").eachText()).contains(key + ".bpmn: review: has no due date, so "
                + "inboxes will not show when it is late.");
        assertThat(adminPage("/admin/processes/" + definition.getId()).select("#warnings li").eachText())
                .contains("review: has no due date, so inboxes will not show when it is late.");

        Element row = adminPage("/admin/processes").getElementById("version-" + key + "-1");
        assertThat(row.selectFirst("td.deployed-by").text()).isEqualTo("Admin Adams (admin)");
        assertThat(row.selectFirst("td.source").text()).isEqualTo("Admin page");
        assertThat(row.selectFirst("td.running").text()).isEqualTo("0");
    }

    @Test
    void aModelDeployedThroughTheEngineRestApiLikeTheModelerIsRecordedAsThePersonsToo() throws Exception {
        String key = key("deployedByModeler");
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", key);
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("data", new ByteArrayResource(model(key, "Modeler test", "review")
                .getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return key + ".bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> answer = http.withBasicAuth("admin", "demo")
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);

        Element row = adminPage("/admin/processes").getElementById("version-" + key + "-1");
        assertThat(row.selectFirst("td.deployed-by").text()).isEqualTo("Admin Adams (admin)");
        assertThat(row.selectFirst("td.source").text()).isEqualTo("Camunda Modeler");
    }

    @Test
    void aRefusedDeploymentNamesEveryProblemAndDeploysNothing() throws Exception {
        String key = key("refused");
        // No history time-to-live, and a service task that calls nothing: the engine refuses both.
        String broken = model(key, "Broken", "review").replace(" camunda:historyTimeToLive=\"P30D\"", "")
                .replace("<bpmn:endEvent id=\"end\"/>", "<bpmn:endEvent id=\"end\"/>\n"
                        + "    <bpmn:serviceTask id=\"brokenStep\" name=\"Calls nothing\"/>");
        long deploymentsBefore = repository.createDeploymentQuery().count();

        MvcResult refused = deployThroughThePage(admin(), file(key + ".bpmn", broken),
                file("notes-" + key + ".bpmn", model(key + "x", "Fine", "review")));
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        Document page = html(refused);
        assertThat(page.getElementById("refused").text()).contains("Nothing was deployed");
        assertThat(page.select("#problems tbody tr").eachText()).anySatisfy(line -> assertThat(line)
                .contains(key + ".bpmn", "brokenStep"));
        assertThat(page.select("#problems td code").eachText()).contains("brokenStep", key);
        assertThat(page.select("#problems tbody tr").eachText()).anySatisfy(line -> assertThat(line)
                .contains(key, "history time to live"));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyIn(key, key + "x").count()).isZero();

        Document wrongFile = html(deployThroughThePage(admin(), file("notes.txt", "not a model")));
        assertThat(wrongFile.select("#problems tbody tr").text()).contains("notes.txt",
                "not a .bpmn or .dmn file");
        Document noFile = html(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/admin/processes/deploy").with(admin()).with(csrf())).andReturn());
        assertThat(noFile.select("#problems").text()).contains("Choose at least one .bpmn or .dmn file");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
    }

    @Test
    void aShippedModelHeldBackBecauseAnAdminsVersionIsInUseIsOfferedToMerge() throws Exception {
        byte[] shipped;
        try (InputStream model = getClass().getResourceAsStream("/steward/models/review-route.dmn")) {
            shipped = model.readAllBytes();
        }
        String text = new String(shipped, StandardCharsets.UTF_8);
        assertThat(text).contains("Public data needs neither");
        assertThat(adminPage("/admin/processes").getElementById("held-back")).isNull();
        // The release before this one shipped another table; since then an admin deployed their own.
        Deployment earlierRelease = repository.createDeployment().name("Steward release").source("steward-release")
                .addString("review-route.dmn", text.replace("Public data needs neither", "An earlier release"))
                .deploy();
        MvcResult admins = deployThroughThePage(admin(), file("review-route.dmn",
                text.replace("Public data needs neither", "The admin's own words")));
        String adminsDeployment = admins.getResponse().getRedirectedUrl().replace("/admin/processes/deployments/", "");
        try {
            Element notice = adminPage("/admin/processes").getElementById("held-back");
            assertThat(notice.text()).contains("not deployed", "yours stays in use");
            Element link = notice.selectFirst("a");
            assertThat(link.text()).isEqualTo("Download the shipped review-route.dmn");
            MvcResult download = mvc.perform(page(link.attr("href")).with(admin())).andExpect(status().isOk())
                    .andReturn();
            assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(shipped);
            assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        } finally {
            repository.deleteDeployment(adminsDeployment, true);
            repository.deleteDeployment(earlierRelease.getId(), true);
        }
        assertThat(adminPage("/admin/processes").getElementById("held-back")).isNull();
        mvc.perform(page("/admin/processes/shipped/review-route.dmn").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void onlyAdminsSeeOrUseTheProcessPages() throws Exception {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey("data-request")
                .latestVersion().singleResult();
        for (String path : List.of("/admin/processes", "/admin/processes/deploy", "/admin/processes/" + process.getId(),
                "/admin/processes/" + process.getId() + "/model", "/admin/processes/" + process.getId()
                        + "/diagram-state", "/admin/processes/deployments/" + process.getDeploymentId(),
                "/admin/processes/shipped/review-route.dmn")) {
            mvc.perform(page(path).with(alex())).andExpect(status().isForbidden());
            mvc.perform(page(path).with(httpBasic("audrey", "demo"))).andExpect(status().isForbidden());
        }
        String key = key("sneaky");
        assertThat(deployThroughThePage(alex(), file(key + ".bpmn", model(key, "Sneaky", "review")))
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        mvc.perform(form("/admin/processes/" + process.getId() + "/move").with(alex()).with(csrf())
                .param("target", process.getId()).param("requests", "x")).andExpect(status().isForbidden());
        mvc.perform(page("/admin/processes")).andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/login"));
    }
}
