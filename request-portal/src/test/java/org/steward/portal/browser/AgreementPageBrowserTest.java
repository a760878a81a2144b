package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An agreement's page in a real browser: fiona, Finance's data steward, opens the demo request's agreement in
 * force, checks it, finds the link to its signed PDF (fetched by the test's own HTTP client, since Chromium's
 * downloads are awkward to drive), and ends it early through the form, a first try without a reason included.
 */
class AgreementPageBrowserTest extends PortalBrowserTest {

    private static final String REASON = "Community Development no longer runs the housing needs study.";

    @Test
    void fionaChecksTheDemoAgreementFindsItsPdfAndEndsItEarly() {
        String reference = demoRequestInItsTerm();
        String number = agreement("alex", reference).get("number").asText();

        logIn("fiona");
        open("/agreements/" + number);
        waitForText(By.tagName("h1"), "Agreement " + number);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("In force");
        screenshot("fiona-agreement-in-force");
        assertAccessible("agreement page");

        browser.findElement(By.xpath("//button[normalize-space()='Check this agreement']")).click();
        waitForText(By.id("verification"), "Intact:");
        assertThat(browser.findElement(By.id("verification")).getText())
                .contains("SHA-256 recorded when the text was drafted").contains("Checked");
        screenshot("fiona-agreement-checked");
        assertAccessible("agreement page with a check's result");

        WebElement link = browser.findElement(By.linkText("Download the signed PDF"));
        String href = link.getAttribute("href");
        assertThat(href).isEqualTo(url("/agreements/" + number + "/pdf"));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("fiona", "demo");
        ResponseEntity<byte[]> pdf = http.exchange(href, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(new String(pdf.getBody(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // The confirmation ticked but no reason: the browser's own check would stop her, so it is taken off to see
        // what the server says.
        browser.findElement(By.id("field-confirm")).click();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('field-reason').removeAttribute('required');");
        browser.findElement(By.xpath("//button[normalize-space()='End this agreement early']")).click();
        waitFor(By.id("field-reason-error"));
        assertThat(browser.findElement(By.id("field-reason-error")).getText()).contains("Say why the agreement ends");
        assertThat(browser.findElement(By.id("field-confirm")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("problem")).getText()).contains("Nothing was ended yet");
        screenshot("fiona-end-early-without-a-reason");
        assertAccessible("agreement page with an error beside the reason");

        fillIn(By.id("field-reason"), REASON);
        screenshot("fiona-end-early-filled-in");
        browser.findElement(By.xpath("//button[normalize-space()='End this agreement early']")).click();
        waitFor(By.id("ended"));
        assertThat(browser.findElement(By.cssSelector("main .alert--success")).getText())
                .startsWith("You ended agreement " + number + " early.");
        assertThat(browser.findElement(By.id("ended")).getText()).contains("Fiona Fischer (fiona)").contains(REASON)
                .contains("data custodians of Finance");
        assertThat(browser.findElements(By.id("end-form"))).isEmpty();
        screenshot("fiona-agreement-ended");
        assertAccessible("agreement page of an agreement ended early");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("TERMINATED");
        runJobs();
        assertThat(tasksListedFor("frank", reference)).containsExactly("confirmAccessRemoved");

        // alex reads it on a phone: why and by whom it ended, with nothing running off the screen.
        handOverTo("alex");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/agreements/" + number);
        waitFor(By.id("ended"));
        assertThat(browser.findElement(By.id("ended")).getText()).contains(REASON);
        screenshot("alex-agreement-ended-on-a-phone");
        assertThat(horizontalOverflow()).as("how far the agreement page runs off a phone's screen").isLessThanOrEqualTo(0L);
    }

    @Test
    void anAdminFindsTheAgreementTemplateFromTheAdminPageAndPreviewsItForARequest() {
        String reference = submit("Utility accounts, for the template preview", "FIN-UTILITY-ACCOUNTS");
        logIn("admin");
        open("/admin");
        browser.findElement(By.linkText("Agreement template")).click();
        waitForText(By.tagName("h1"), "Agreement template");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("request"))).selectByValue(reference);
        browser.findElement(By.xpath("//button[normalize-space()='Show the preview']")).click();
        wait.until(d -> browser.getCurrentUrl().endsWith("request=" + reference));
        assertThat(browser.findElement(By.id("preview")).getText()).contains(PURPOSE).contains(reference);
        assertThat(browser.findElement(By.id("in-use")).getText()).contains("the built-in template");
        screenshot("admin-agreement-template");
        assertAccessible("agreement template page");
    }

    /**
     * The demo request of PRODUCT.md through the API: utility accounts for Community Development, approved by
     * fiona and pat, signed by frank and dana, delivered by frank; its agreement is in force and in its term.
     */
    private String demoRequestInItsTerm() {
        String reference = submit("Utility accounts for the housing needs study", "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        for (List<String> signatory : List.of(List.of("frank", "Frank Franklin"), List.of("dana", "Dana Dalton"))) {
            assertThat(sign(signatory.get(0), taskAssignedTo(reference, signatory.get(0)), signatory.get(1), reference)
                    .status()).isEqualTo(204);
        }
        runJobs();
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        return reference;
    }
}
