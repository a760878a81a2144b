package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.steward.portal.browser.BrowserTest;

/** The admin pages in a real browser: each one, and a form with its errors, has no serious accessibility problem. */
class AdminPagesBrowserTest extends BrowserTest {

    @Test
    void everyAdminPageAndAFormWithErrorsPassTheAccessibilityScan() {
        logIn("admin");
        for (String path : List.of("/admin", "/admin/departments", "/admin/departments/new",
                "/admin/departments/PW/edit", "/admin/datasets", "/admin/datasets/new",
                "/admin/datasets/FIN-UTILITY-ACCOUNTS/edit", "/admin/people", "/admin/people/new",
                "/admin/people/fiona", "/admin/emails")) {
            open(path);
            waitFor(By.tagName("h1"));
            screenshot(path.substring(1).replace('/', '-'));
            assertThat(seriousAccessibilityProblems()).as(path).isEmpty();
        }

        // A department with mistakes, typed and sent with the keyboard's Enter as a person would.
        open("/admin/departments/new");
        browser.findElement(By.id("code")).sendKeys("parks");
        browser.findElement(By.id("staffGroup")).sendKeys("staff-cd");
        browser.findElement(By.id("signatory")).sendKeys("nobody-at-all\n");
        waitFor(By.cssSelector(".alert--error"));
        screenshot("department-errors");
        assertThat(browser.findElement(By.id("signatory-error")).getText())
                .startsWith("There is nobody with the user id nobody-at-all.");
        assertThat(browser.findElement(By.id("code")).getAttribute("value")).isEqualTo("parks");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        // On a phone the tables fold into one block per row.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/admin/people");
        waitFor(By.tagName("h1"));
        screenshot("people-on-a-phone");
        assertThat(seriousAccessibilityProblems()).isEmpty();
    }

    @Test
    void aStaffMemberWhoFindsTheAddressIsToldItIsNotTheirs() {
        logIn("alex");
        assertThat(browser.findElements(By.linkText("Admin"))).isEmpty();
        open("/admin/people");
        waitForText(By.tagName("h1"), "Not yours to do");
        screenshot("forbidden");
    }
}
