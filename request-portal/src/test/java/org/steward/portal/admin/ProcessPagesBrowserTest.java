package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.browser.BrowserTest;

/**
 * The process pages in a real browser, as an admin uses them: deploying a file chosen on the form, the version's
 * diagram drawn with the steps where requests wait marked, the check and the move; no serious accessibility problem.
 */
class ProcessPagesBrowserTest extends BrowserTest {

    @Autowired
    private RepositoryService repository;

    @Autowired
    private RuntimeService runtime;

    private final String key = "browserMove" + (char) ('a' + ThreadLocalRandom.current().nextInt(26))
            + ThreadLocalRandom.current().nextInt(1_000_000);

    @AfterEach
    void removeTheModel() {
        repository.createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
                .map(ProcessDefinition::getDeploymentId).distinct()
                .forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void anAdminDeploysAVersionSeesItsDiagramAndMovesARequestToIt() throws Exception {
        logIn("admin");
        deploy(ProcessPagesTest.model(key, "Browser move", "review"));
        waitForText(By.cssSelector(".alert--success"), "Deployed: Browser move version 1.");
        assertThat(seriousAccessibilityProblems()).isEmpty();
        String v1 = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getId();
        String instance = runtime.startProcessInstanceByKey(key, "BM-" + key.substring(key.length() - 6)).getId();
        deploy(ProcessPagesTest.model(key, "Browser move", "review", "publish"));
        waitForText(By.cssSelector(".alert--success"), "version 2");

        open("/admin/processes/" + v1);
        waitFor(By.cssSelector("#process-diagram svg"));
        waitFor(By.cssSelector("#process-diagram .highlight-current"));
        assertThat(browser.findElement(By.cssSelector("#process-diagram .highlight-current"))
                .getAttribute("data-element-id")).isEqualTo("review");
        screenshot("version-1");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        new Select(browser.findElement(By.id("target"))).selectByIndex(0);
        browser.findElement(By.cssSelector("#choose-target button")).click();
        waitFor(By.id("plan-accepted"));
        screenshot("check");
        assertThat(seriousAccessibilityProblems()).isEmpty();
        browser.findElement(By.id("move-button")).click();
        waitFor(By.id("outcomes"));
        screenshot("moved");
        assertThat(browser.findElement(By.id("outcome-" + instance)).getText()).contains("Moved to version 2");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        open("/admin/processes");
        waitFor(By.id("version-" + key + "-2"));
        screenshot("list");
        assertThat(seriousAccessibilityProblems()).isEmpty();
        String decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("review-route")
                .latestVersion().singleResult().getId();
        open("/admin/processes/" + decision);
        waitFor(By.id("rules"));
        screenshot("decision");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        Path broken = Files.createTempDirectory("steward-model").resolve(key + "-broken.bpmn");
        Files.writeString(broken, ProcessPagesTest.model(key, "Broken", "review")
                .replace(" camunda:historyTimeToLive=\"P30D\"", ""), StandardCharsets.UTF_8);
        open("/admin/processes/deploy");
        browser.findElement(By.id("files")).sendKeys(broken.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#deploy-form button[type=submit]")).click();
        waitForText(By.id("refused"), "Nothing was deployed");
        screenshot("refused");
        assertThat(seriousAccessibilityProblems()).isEmpty();
    }

    /** Chooses the model as a file on the deploy form and sends it. */
    private void deploy(String xml) throws Exception {
        Path file = Files.createTempDirectory("steward-model").resolve(key + ".bpmn");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        open("/admin/processes/deploy");
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#deploy-form button[type=submit]")).click();
        waitFor(By.id("deployed-versions"));
    }
}
