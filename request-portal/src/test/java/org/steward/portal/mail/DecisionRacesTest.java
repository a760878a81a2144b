package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.steward.notifications.outbox.OutboxEmail;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Two decisions on one task at the same moment, from every pair of ways a steward decides: the API twice, the task
 * page and an emailed link, two emailed links. Each race starts both together by a barrier, and many races run at
 * once. Exactly one decision is recorded; the other person is told who decided, what and when (409, or 410 for a
 * link's page); never a 500.
 */
class DecisionRacesTest extends MailTest {

    /** Races of each kind; the proof asks for 50. */
    private static final int RACES = Integer.getInteger("steward.test.races", 50);
    /** Races in flight at once: each holds two connections at the same moment. */
    private static final int IN_FLIGHT = 8;

    /** What one side of a race got back, as its person would see it. */
    private record Side(String how, int status, String text) {

        boolean won() {
            return switch (how) {
                case "API" -> status == 204;
                case "page" -> status == 302;
                default -> status == 200;
            };
        }
    }

    @Test
    void theApiTwice() throws Exception {
        List<String> references = submitAll("API and API");
        List<String> tasks = eachAtOnce(i -> taskFor(references.get(i), "stewards-pw"));
        race("API vs API", references, i -> List.of(
                () -> api(tasks.get(i), "approve", "Fine by Public Works"),
                () -> api(tasks.get(i), "reject", "Work orders name private addresses")));
    }

    @Test
    void theTaskPageAndAnEmailedLink() throws Exception {
        List<String> references = submitAll("page and link");
        List<String> tasks = eachAtOnce(i -> taskFor(references.get(i), "stewards-pw"));
        List<String> rejects = eachAtOnce(i -> samsLinks(references.get(i)).get("Reject"));
        List<LinkBrowser> browsers = rejects.stream().map(link -> new LinkBrowser()).toList();
        List<String> tokens = eachAtOnce(i -> browsers.get(i).csrfFor(rejects.get(i)));
        race("page vs link", references, i -> List.of(
                () -> page(tasks.get(i)),
                () -> link(browsers.get(i), rejects.get(i), tokens.get(i))));
    }

    @Test
    void twoEmailedLinks() throws Exception {
        List<String> references = submitAll("link and link");
        List<Map<String, String>> links = eachAtOnce(i -> samsLinks(references.get(i)));
        List<LinkBrowser> first = links.stream().map(l -> new LinkBrowser()).toList();
        List<LinkBrowser> second = links.stream().map(l -> new LinkBrowser()).toList();
        List<String> firstTokens = eachAtOnce(i -> first.get(i).csrfFor(links.get(i).get("Approve")));
        List<String> secondTokens = eachAtOnce(i -> second.get(i).csrfFor(links.get(i).get("Reject")));
        race("link vs link", references, i -> List.of(
                () -> link(first.get(i), links.get(i).get("Approve"), firstTokens.get(i)),
                () -> link(second.get(i), links.get(i).get("Reject"), secondTokens.get(i))));
    }

    /**
     * The races leave a hundred requests to carry on and hundreds of emails to send: the next test's jobs and emails
     * must not queue behind them.
     */
    @AfterEach
    void requestsCarriedOnAndEmailsSent() {
        runJobs();
        eventually("every email of the races sent", Duration.ofMinutes(3),
                () -> outbox.count(OutboxEmail.Status.PENDING) == 0 ? true : null);
    }

    private interface Pair {
        List<Callable<Side>> of(int race);
    }

    private void race(String kind, List<String> references, Pair pair) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(IN_FLIGHT);
        ExecutorService threads = Executors.newFixedThreadPool(2 * IN_FLIGHT);
        List<Future<List<Side>>> races = new ArrayList<>();
        try {
            for (int i = 0; i < RACES; i++) {
                List<Callable<Side>> sides = pair.of(i);
                races.add(starters.submit(() -> together(threads, sides)));
            }
            int winners = 0, told = 0, failed = 0;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < RACES; i++) {
                List<Side> sides = races.get(i).get(120, TimeUnit.SECONDS);
                String reference = references.get(i);
                long won = sides.stream().filter(Side::won).count();
                winners += (int) won;
                for (Side side : sides) {
                    if (side.status() >= 500) {
                        failed++;
                    } else if (!side.won()) {
                        told++;
                        if (!side.text().contains("already completed by Sam Sorensen")) {
                            problems.add(reference + ": " + side.how() + " lost without being told who decided: "
                                    + side.status() + " " + side.text());
                        }
                    }
                }
                List<String> decisions = timeline(reference).stream()
                        .filter(line -> line.contains(":approveAsSteward:")).toList();
                if (won != 1 || decisions.size() != 1) {
                    problems.add(reference + ": " + won + " won, decisions " + decisions + ", answers " + sides);
                }
            }
            System.out.printf("Decision races, %s: %d tries, %d winners, %d told who decided, %d 500s%n", kind,
                    RACES, winners, told, failed);
            assertThat(failed).as("500s").isZero();
            assertThat(problems).isEmpty();
        } finally {
            starters.shutdownNow();
            threads.shutdownNow();
        }
    }

    /** Both sides of one race on their own threads, released together. */
    private static List<Side> together(ExecutorService threads, List<Callable<Side>> sides) throws Exception {
        CyclicBarrier start = new CyclicBarrier(sides.size());
        List<Future<Side>> answers = new ArrayList<>();
        for (Callable<Side> side : sides) {
            answers.add(threads.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                return side.call();
            }));
        }
        List<Side> got = new ArrayList<>();
        for (Future<Side> answer : answers) {
            got.add(answer.get(90, TimeUnit.SECONDS));
        }
        return got;
    }

    private List<String> submitAll(String how) throws Exception {
        return eachAtOnce(i -> submit("Work orders, " + how + " at once " + i, "PW-WORK-ORDERS"));
    }

    /**
     * The races' requests are set up as several people would make them, a few at a time: one after another, the
     * setting up took longer than the races.
     */
    private static <T> List<T> eachAtOnce(IntFunction<T> make) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> made = IntStream.range(0, RACES).mapToObj(i -> pool.submit(() -> make.apply(i))).toList();
            List<T> all = new ArrayList<>();
            for (Future<T> one : made) {
                all.add(one.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private Side api(String task, String decision, String comment) {
        Answer answer = decide("sam", task, decision, comment);
        return new Side("API", answer.status(), answer.body() == null ? "" : answer.body().path("detail").asText());
    }

    private Side page(String task) throws Exception {
        MvcResult result = postForm("sam", "/tasks/" + task, "decision", "approve", "comment", "Fine from the page");
        return new Side("page", result.getResponse().getStatus(), result.getResponse().getContentAsString());
    }

    private static Side link(LinkBrowser browser, String link, String csrf) {
        LinkBrowser.Page page = browser.post(link, csrf, "The work orders name private addresses.");
        return new Side("link", page.status(), page.main());
    }

    private Map<String, String> samsLinks(String reference) {
        return awaitEmail(reference, "sam", "Waiting for you").actions();
    }
}
