package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Logging in and out in a real browser, with the pages checked for accessibility. */
class LoginPageBrowserTest extends BrowserTest {

    @Test
    void aPersonLogsInSeesTheirHomePageAndLogsOut() {
        open("/login");
        screenshot("login");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        logIn("alex");
        waitForText(By.tagName("h1"), "Hello, Alex Anders");
        screenshot("home");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        logOut();
        waitFor(By.cssSelector(".alert--success"));
        assertThat(browser.findElement(By.cssSelector(".alert--success")).getText()).contains("You are logged out");
    }

    @Test
    void aWrongPasswordIsToldInPlainWordsAndNothingElseHappens() {
        open("/login");
        browser.findElement(By.id("username")).sendKeys("alex");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector(".alert--error"));
        screenshot("wrong-password");
        assertThat(browser.findElement(By.cssSelector(".alert--error")).getText())
                .isEqualTo("The user name or password is wrong.");
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    @Test
    void aPageAskedForBeforeLoggingInIsWhereThePersonLandsAfterwards() {
        open("/tasks");
        waitFor(By.id("username"));
        logIn("sam");
        assertThat(java.net.URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/tasks");
    }
}
