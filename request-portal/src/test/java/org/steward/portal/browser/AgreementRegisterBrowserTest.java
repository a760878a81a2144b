package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.agreement.PublicRegisterSwitch;

/**
 * The register of agreements in a real browser: found from the menu, filtered with its form, read on a phone, and
 * the public register reached from the login page once switched on; each page checked for accessibility.
 */
class AgreementRegisterBrowserTest extends BrowserTest {

    @Autowired
    private PublicRegisterSwitch publicRegister;

    @Test
    void alexFiltersTheRegisterAndAnyoneReadsThePublicOneFromTheLoginPage() {
        String reference = submit("Register in a browser: work orders for the neighbourhood plan", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status()).isEqualTo(204);
        runJobs();
        String number = agreement("alex", reference).get("number").asText();

        logIn("alex");
        browser.findElement(By.linkText("Agreements")).click();
        waitForText(By.tagName("h1"), "Data-sharing agreements");
        screenshot("register");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("In force");
        browser.findElement(By.id("party")).sendKeys("PW");
        browser.findElement(By.id("q")).sendKeys("Register in a browser");
        browser.findElement(By.cssSelector("form.list-filter button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("status=IN_FORCE"));
        WebElement row = waitFor(By.xpath("//tbody/tr[td[@data-label='Agreement']/a[text()='" + number + "']]"));
        assertThat(row.findElement(By.cssSelector("td[data-label=Status]")).getText()).isEqualTo("In force");
        assertThat(browser.findElement(By.id("result-count")).getText()).startsWith("Showing 1 of ");
        assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText())
                .isEqualTo("In force");
        assertThat(browser.findElement(By.linkText("Download as CSV")).getAttribute("href"))
                .contains("/agreements.csv?status=IN_FORCE&party=PW&q=");
        screenshot("filtered");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        browser.manage().window().setSize(new Dimension(390, 900));
        screenshot("filtered-on-a-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        logOut();

        publicRegister.setEnabled(true);
        try {
            open("/login");
            browser.findElement(By.linkText("See the data-sharing agreements in force")).click();
            waitForText(By.tagName("h1"), "Data-sharing agreements in force");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(number)
                    .doesNotContain("Wes Weller").doesNotContain("Dana Dalton");
            screenshot("public-register");
            assertThat(seriousAccessibilityProblems()).isEmpty();
        } finally {
            publicRegister.setEnabled(null);
        }
    }
}
