package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** A request's page on a phone (390 by 844 CSS pixels): nobody has to scroll sideways to read it. */
class RequestPageOnAPhoneBrowserTest extends PortalBrowserTest {

    @Test
    void theRequestPageFitsAPhoneScreen() {
        logIn("alex");
        String reference = submitThroughTheForm(utilityAccounts(), null);

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/requests/" + reference);
        waitForTheDiagram();
        assertThat(status()).isEqualTo("Waiting for the data stewards");
        assertThat(viewportWidth()).as("the width the page is laid out in").isEqualTo(390);
        screenshot("request-on-a-phone");
        assertThat(horizontalOverflow()).as("how far the request page runs off a phone's screen, in CSS pixels")
                .isLessThanOrEqualTo(0L);
        assertAccessible("request page on a phone");
    }
}
