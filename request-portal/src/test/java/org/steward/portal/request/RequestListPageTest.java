package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list of requests: what the person may see and their drafts, a status filter, a search on reference and title,
 * sorting and pages of twenty whose links keep the filter.
 */
class RequestListPageTest extends RequestPageSupport {

    private static final Pattern REFERENCE_CELL = Pattern.compile("data-label=\"Reference\"><a href=\"[^\"]*\">"
            + "(DR-\\d{4}-\\d{4})</a>");
    private static final Pattern TITLE_CELL = Pattern.compile("<td data-label=\"Title\">([^<]*)</td>");

    /** One person's 24 requests, made once for the whole class: the references in the order they were made. */
    private static String owner;
    private static String word;
    private static final List<String> made = new ArrayList<>();
    private static String withdrawn;
    private static String waterMeters;

    @BeforeEach
    void aPersonWithTwentyFourRequests() {
        if (owner != null) {
            return;
        }
        owner = newPerson("lister", "staff-cd");
        word = owner.substring(owner.indexOf('-') + 1);
        for (int i = 1; i <= 23; i++) {
            made.add(submitAs(owner, String.format("%s request %02d", word, 24 - i), "PW-STREET-CENTERLINES"));
        }
        waterMeters = submitAs(owner, "Water meters " + word.toUpperCase(), "PW-STREET-CENTERLINES");
        made.add(waterMeters);
        withdrawn = made.get(4);
        assertThat(post(owner, "/api/requests/" + withdrawn + "/withdraw", Map.of("reason", "Not needed"))
                .status()).isEqualTo(200);
    }

    @Test
    void theNewestComeFirstTwentyAPageWithLinksToTheOthers() throws Exception {
        String first = list("/requests");
        assertThat(first).contains("Showing 1 to 20 of 24 requests");
        List<String> shown = references(first);
        assertThat(shown).hasSize(20).first().isEqualTo(waterMeters);
        assertThat(shown).isEqualTo(reversed(made).subList(0, 20));
        assertThat(first).contains("href=\"/requests?page=2\"").contains("aria-current=\"page\"")
                .contains(">Next<");

        String second = list("/requests?page=2");
        assertThat(second).contains("Showing 21 to 24 of 24 requests").contains("href=\"/requests?page=1\"")
                .contains(">Previous<");
        assertThat(references(second)).isEqualTo(reversed(made).subList(20, 24));
        // A page past the end shows the last one.
        assertThat(references(list("/requests?page=99"))).isEqualTo(references(second));
        // Status in plain words, with the requester's name.
        assertThat(first).contains("Waiting for the data stewards").contains("Test Person " + owner);
    }

    @Test
    void theStatusFilterShowsOnlyThatStatusInPlainWords() throws Exception {
        String page = list("/requests?status=WITHDRAWN");

        assertThat(references(page)).containsExactly(withdrawn);
        assertThat(page).contains("Showing 1 to 1 of 1 request").contains("Withdrawn by the requester")
                .contains("<option value=\"WITHDRAWN\" selected=\"selected\">Withdrawn by the requester</option>");
        assertThat(references(list("/requests?status=STEWARD_REVIEW"))).hasSize(20).doesNotContain(withdrawn);
        assertThat(list("/requests?status=REJECTED")).contains("No request matches");
        // A status that does not exist is no filter at all.
        assertThat(list("/requests?status=NONSENSE")).contains("of 24 requests");
    }

    @Test
    void theSearchFindsTheReferenceOrTheTitleInAnyCase() throws Exception {
        assertThat(references(list("/requests?q=water%20METERS"))).containsExactly(waterMeters);
        assertThat(references(list("/requests?q=" + withdrawn.toLowerCase()))).containsExactly(withdrawn);
        assertThat(list("/requests?q=" + word + "%20request%200")).contains("of 9 requests");
        // Wildcards are taken as typed.
        assertThat(list("/requests?q=%25")).contains("No request matches");
        assertThat(list("/requests?q=_")).contains("No request matches");
    }

    @Test
    void sortingByTitleOrReferenceKeepsTheFilterAcrossPages() throws Exception {
        String byTitle = list("/requests?q=" + word + "&sort=title");
        List<String> titles = titles(byTitle);
        assertThat(titles).hasSize(20).isSorted();
        assertThat(titles.get(0)).isEqualTo(word + " request 01");
        String nextLink = "href=\"/requests?q=" + word + "&amp;sort=title&amp;page=2\"";
        assertThat(byTitle).contains(nextLink);
        assertThat(byTitle).contains("<option value=\"title\" selected=\"selected\">");
        assertThat(byTitle).contains("value=\"" + word + "\"");

        String second = list("/requests?q=" + word + "&sort=title&page=2");
        assertThat(titles(second)).containsExactly(word + " request 21", word + " request 22", word + " request 23",
                "Water meters " + word.toUpperCase());
        assertThat(second).contains("href=\"/requests?q=" + word + "&amp;sort=title&amp;page=1\"");

        List<String> byReference = references(list("/requests?sort=reference"));
        assertThat(byReference).isEqualTo(made.subList(0, 20)).isSorted();
        assertThat(references(list("/requests?sort=oldest&status=STEWARD_REVIEW&page=2")))
                .isEqualTo(made.stream().filter(r -> !r.equals(withdrawn)).toList().subList(20, 23));
        assertThat(list("/requests?sort=oldest&status=STEWARD_REVIEW&page=2"))
                .contains("href=\"/requests?status=STEWARD_REVIEW&amp;sort=oldest&amp;page=1\"");
    }

    @Test
    void draftsAreListedAsDraftsAndFilteredLikeRequests() throws Exception {
        mvc.perform(form("/requests/new", Map.of("title", word + " draft of a request"), List.of(), List.of())
                .param("action", "draft").with(as(owner)).with(csrf())).andExpect(status().isFound());

        String all = list("/requests");
        assertThat(between(all, "Your drafts", "</table>")).contains(word + " draft of a request")
                .contains("<span class=\"badge\">Draft</span>");
        String draftsOnly = list("/requests?status=DRAFT");
        assertThat(draftsOnly).contains(word + " draft of a request").doesNotContain("Showing");
        assertThat(references(draftsOnly)).isEmpty();
        assertThat(list("/requests?status=WITHDRAWN")).doesNotContain("Your drafts");
        assertThat(list("/requests?page=2")).doesNotContain("Your drafts");
        assertThat(list("/requests?q=water")).doesNotContain("Your drafts");
        assertThat(list("/requests?q=draft%20of")).contains("Your drafts");
    }

    @Test
    void othersSeeOnlyWhatThePolicyLetsThemSee() throws Exception {
        String stranger = newPerson("stranger", "staff-cd");
        String theirs = html(mvc.perform(open("/requests?q=" + word).with(as(stranger))).andExpect(status().isOk())
                .andReturn());
        assertThat(references(theirs)).isEmpty();
        assertThat(theirs).contains("No request matches");

        // Public Works' steward reviews requests for Public Works' datasets; the auditor reads everything.
        for (String user : List.of("sam", "audrey", "admin")) {
            String page = html(mvc.perform(open("/requests?q=" + word).with(as(user))).andExpect(status().isOk())
                    .andReturn());
            assertThat(page).as(user).contains("of 24 requests");
        }
        // Finance's steward is on none of them.
        assertThat(references(html(mvc.perform(open("/requests?q=" + word).with(as("fiona"))).andReturn())))
                .isEmpty();
    }

    private String list(String path) throws Exception {
        return html(mvc.perform(open(path).with(as(owner))).andExpect(status().isOk()).andReturn());
    }

    private static List<String> references(String page) {
        List<String> found = new ArrayList<>();
        Matcher matcher = REFERENCE_CELL.matcher(page);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> titles(String page) {
        List<String> found = new ArrayList<>();
        Matcher matcher = TITLE_CELL.matcher(page);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
