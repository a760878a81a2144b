package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * A person whose password an admin reset logs in, is taken to their account page, gets the change wrong once, then
 * right, and logs in again with their own password; the pages are checked for accessibility.
 */
class AccountBrowserTest extends BrowserTest {

    private static final Person ADMIN = new Person("admin", "Admin Adams", null, Set.of("admins", "camunda-admin"));
    private static final String TEMPORARY = "temporary words for tuesday";
    private static final String CHOSEN = "pelicans over the quiet bay";

    @Autowired
    private PeopleService people;

    @Test
    void aPersonWithATemporaryPasswordChoosesTheirOwnBeforeAnythingElse() {
        String user = "brws-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        people.createPerson(user, "Bea", "Browser", user + "@example.org", "her forgotten old password");
        people.addToGroup(user, "staff-cd");
        people.resetPassword(ADMIN, user, TEMPORARY);

        logIn(user, TEMPORARY);
        waitFor(By.id("must-change"));
        assertThat(path()).isEqualTo("/account");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your account");
        assertThat(browser.findElement(By.cssSelector(".summary-list")).getText()).contains("Bea Browser", user,
                "staff-cd");
        screenshot("must-change");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        // Another page leads back here until the password is changed.
        open("/requests");
        waitFor(By.id("must-change"));
        assertThat(path()).isEqualTo("/account");

        type(TEMPORARY, "pelicans", "pelicans over the bay");
        waitFor(By.cssSelector(".alert--error"));
        assertThat(browser.findElement(By.cssSelector(".alert--error")).getText()).contains("Some fields need attention",
                "Use at least 12 characters", "This is not the same as the new password.");
        assertThat(browser.findElement(By.id("newPassword-error")).getText()).startsWith("Use at least 12 characters");
        assertThat(browser.findElement(By.id("newPassword")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("currentPassword")).getAttribute("value")).isEmpty();
        screenshot("refused-field-by-field");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        type(TEMPORARY, CHOSEN, CHOSEN);
        waitForText(By.cssSelector(".alert--success"), "Your password is changed.");
        assertThat(browser.findElements(By.id("must-change"))).isEmpty();
        screenshot("changed");

        open("/requests");
        wait.until(ExpectedConditions.urlContains("/requests"));
        assertThat(path()).isEqualTo("/requests");

        logOut();
        logIn(user, CHOSEN);
        waitForText(By.tagName("h1"), "Hello, Bea Browser");
        browser.findElement(By.cssSelector(".site-header__user a[href='/account']")).click();
        waitForText(By.tagName("h1"), "Your account");
        screenshot("own-password");
    }

    private void logIn(String user, String password) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void type(String current, String next, String again) {
        browser.findElement(By.id("currentPassword")).sendKeys(current);
        browser.findElement(By.id("newPassword")).sendKeys(next);
        browser.findElement(By.id("confirmation")).sendKeys(again);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }
}
