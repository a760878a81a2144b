package org.steward.portal.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;
import org.steward.portal.request.Pages;

/** Home: the person's own requests under way with their status in words, and the tasks waiting for them. */
class HomePageTest extends IntegrationTest {

    @Autowired
    private Clock clock;

    @AfterEach
    void backToTheRealTime() {
        ClockUtil.reset();
    }

    @Test
    void theRequesterSeesTheirRequestsUnderWayAndCanStartANewOne() throws Exception {
        String underWay = submit("Work orders for the home page", "PW-WORK-ORDERS");
        String withdrawn = submit("Work orders withdrawn before the home page", "PW-WORK-ORDERS");
        assertThat(post("alex", "/api/requests/" + withdrawn + "/withdraw", null).status()).isEqualTo(200);

        Document home = home("alex");

        assertThat(home.select("h1").text()).isEqualTo("Hello, Alex Anders");
        assertThat(home.select("main a[href=/requests/new]").eachText()).contains("Start a new request for data");
        Element row = home.select("#requests-heading ~ table tbody tr").stream()
                .filter(r -> r.text().contains(underWay)).findFirst().orElseThrow();
        assertThat(row.select("td[data-label=Request] a").attr("href")).isEqualTo("/requests/" + underWay);
        assertThat(row.select("td[data-label=Title]").text()).isEqualTo("Work orders for the home page");
        assertThat(row.select("td[data-label=Status]").text()).isEqualTo("Waiting for the data stewards");
        assertThat(home.select("#requests-heading ~ table").text()).doesNotContain(withdrawn);
        assertThat(home("sam").select("#requests-heading ~ table").text()).as("only one's own requests")
                .doesNotContain(underWay);
    }

    @Test
    void aLongListOfRequestsUnderWayShowsTheNewestAndSaysHowManyThereAre() throws Exception {
        for (int i = 0; i <= HomeController.HOME_REQUESTS; i++) {
            submit("Work orders, one of many " + i, "PW-WORK-ORDERS");
        }
        String newest = submit("Work orders, the newest of many", "PW-WORK-ORDERS");

        Document home = home("alex");

        assertThat(home.select("#requests-heading ~ table tbody tr")).hasSize(HomeController.HOME_REQUESTS);
        assertThat(home.select("#requests-heading ~ table tbody tr").first().text()).contains(newest);
        assertThat(home.select("#requests-heading ~ p").first().text())
                .matches("You have \\d+ requests under way; here are the newest 20\\.");
    }

    @Test
    void aStewardSeesTheTaskWaitingForThemWithItsAgeAndDueDate() throws Exception {
        // The home page shows a person's oldest tasks; made in the past, this one is sam's oldest whatever else the
        // shared test database holds.
        Instant start = Instant.parse("2020-01-06T15:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        String reference = submit("Work orders waiting on the steward", "PW-WORK-ORDERS");
        String task = taskFor(reference, "stewards-pw");
        Instant due = Instant.parse(currentTasks(reference).get(0).get("due").asText());

        Element fresh = taskRow(home("sam"), task);
        assertThat(fresh.select("td[data-label=Task] a").text()).isEqualTo("Approve as data steward");
        assertThat(fresh.select("td[data-label=Request]").text()).isEqualTo(reference + " Work orders waiting on the steward");
        assertThat(fresh.select("td[data-label=Request] a").attr("href")).isEqualTo("/requests/" + reference);
        assertThat(fresh.select("td[data-label=\"Waiting for\"]").text()).startsWith("less than an hour since");
        assertThat(fresh.select("td[data-label=Due]").text()).isEqualTo(
                DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(due.atZone(clock.getZone())));

        ClockUtil.setCurrentTime(Date.from(start.plus(3, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS)));
        assertThat(taskRow(home("sam"), task).select("td[data-label=\"Waiting for\"]").text()).startsWith("3 days since");

        ClockUtil.setCurrentTime(Date.from(due.plus(1, ChronoUnit.DAYS)));
        assertThat(taskRow(home("sam"), task).select("td[data-label=Due]").text()).endsWith("overdue");
        assertThat(home("alex").select("a[href=/tasks/" + task + "]")).as("not alex's task").isEmpty();
    }

    private static Element taskRow(Document home, String task) {
        return home.select("#tasks-heading ~ table tbody tr").stream()
                .filter(r -> !r.select("a[href=/tasks/" + task + "]").isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("No row for task " + task + " in\n" + home.select("main")));
    }

    @Test
    void aDraftNotSentYetIsOnTheHomePageToComeBackTo() throws Exception {
        String title = "Half-written request " + System.nanoTime();
        mvc.perform(MockMvcRequestBuilders.multipart("/requests/new").param("title", title).param("action", "draft")
                .with(httpBasic("alex", "demo")).with(SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isFound());

        Document home = home("alex");
        assertThat(home.select("#drafts-heading").text()).isEqualTo("Your drafts, not sent yet");
        assertThat(home.select("#drafts-heading ~ ul a").eachText()).contains(title);
        assertThat(home("sam").select("#drafts-heading ~ ul a").eachText()).doesNotContain(title);
    }

    private Document home(String user) throws Exception {
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get("/").with(httpBasic(user, "demo"))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return Pages.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
