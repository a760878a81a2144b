package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;

/**
 * An action link does exactly what it says, once, for its person, while its step waits for them: opening it changes
 * nothing; a used, expired, voided, taken-over or made-up link says which and records nothing; a decision that needs
 * a reason is refused without one and can be made afterwards; two confirmations at one moment record one decision.
 */
class ActionLinkSafetyTest extends MailTest {

    @Autowired
    private AuditTrail audit;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void openingALinkChangesNothing_andTheLinkStillWorksAfterwards() {
        String reference = submit("Work orders, opened by a mail scanner", "PW-WORK-ORDERS");
        Map<String, String> links = samsLinks(reference);
        List<String> tasksBefore = openTaskIds(reference);
        List<String> timelineBefore = timeline(reference);

        for (String label : List.of("Approve", "Reject", "Ask for changes", "Approve")) {
            LinkBrowser.Page page = new LinkBrowser().open(links.get(label));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.h1()).isEqualTo("Confirm your decision");
            assertThat(page.main()).contains("Sam Sorensen, you are about to choose \u201c" + label + "\u201d",
                    "Nothing has happened yet", reference, "Work orders, opened by a mail scanner");
            assertThat(page.document().select("#confirm").text()).isEqualTo("Confirm: " + label);
        }

        assertThat(status(reference)).isEqualTo("STEWARD_REVIEW");
        assertThat(openTaskIds(reference)).isEqualTo(tasksBefore);
        assertThat(timeline(reference)).isEqualTo(timelineBefore);
        assertThat(jdbc.queryForObject("select count(*) from action_link where request_reference = ?"
                + " and (used_at is not null or voided_at is not null)", Integer.class, reference)).isZero();

        LinkBrowser.Page done = new LinkBrowser().confirm(links.get("Approve"), null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.h1()).isEqualTo("Done");
        assertThat(timeline(reference)).contains("sam:approveAsSteward:approve:email");
    }

    @Test
    void aLinkUsedTwice_saysItWasAlreadyUsed_andRecordsOneDecisionWithTheChannelEmail() {
        String reference = submit("Work orders, approved twice", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");
        LinkBrowser browser = new LinkBrowser();

        LinkBrowser.Page done = browser.confirm(approve, "Fine by me");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.document().select("#outcome").text()).contains("Sam Sorensen, your decision \u201cApprove\u201d on "
                + "\u201cApprove as data steward\u201d for request " + reference + " is recorded");
        LinkBrowser.Page again = browser.confirm(approve, "Pressed it again");

        assertThat(again.status()).isEqualTo(410);
        assertThat(again.h1()).isEqualTo("This link cannot be used");
        assertThat(again.why()).contains("This link was already used", "Sam Sorensen chose \u201cApprove\u201d",
                "nothing more was recorded");
        assertThat(again.hasConfirmButton()).isFalse();
        assertThat(again.document().select("a[href=/login]").text()).isEqualTo("Log in to Steward");
        assertThat(timeline(reference)).containsOnlyOnce("sam:approveAsSteward:approve:email")
                .filteredOn(line -> line.contains(":approveAsSteward:")).hasSize(1);
        assertThat(audit.of(reference)).filteredOn(e -> e.getType().equals("TASK_COMPLETED"))
                .extracting(e -> e.getActor() + " " + e.getChannel()).containsExactly("sam email");
        runJobs();
        assertThat(status(reference)).isEqualTo("AGREEMENT_SIGNING");
    }

    @Test
    void aLinkPastItsSevenDays_saysItExpired_andDecidesNothing() {
        String reference = submit("Work orders, a link left too long", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");
        LinkBrowser browser = new LinkBrowser();
        String csrf = browser.csrfFor(approve);
        List<String> tasks = openTaskIds(reference);

        moveClockTo(clock.instant().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));

        LinkBrowser.Page opened = browser.open(approve);
        assertThat(opened.status()).isEqualTo(410);
        assertThat(opened.why()).contains("This link expired on", "still waits: log in and decide on the task page");
        assertThat(opened.hasConfirmButton()).isFalse();
        LinkBrowser.Page confirmed = browser.post(approve, csrf, "Late, sorry");
        assertThat(confirmed.status()).isEqualTo(410);
        assertThat(confirmed.why()).contains("This link expired on");
        assertThat(openTaskIds(reference)).isEqualTo(tasks);
        assertThat(timeline(reference)).noneMatch(line -> line.contains(":approveAsSteward:"));
    }

    @Test
    void aStepCompletedBySomeoneElseOnTheApi_voidsTheLink_andThePageSaysWhoDecidedWhat() {
        Person admin = person("admin");
        people.addMembership(admin, "wes", "stewards-pw");
        try {
            String reference = submit("Work orders, decided by the other steward", "PW-WORK-ORDERS");
            String samsApprove = samsLinks(reference).get("Approve");
            awaitEmail(reference, "wes", "Waiting for you");
            LinkBrowser sam = new LinkBrowser();
            String csrf = sam.csrfFor(samsApprove);

            assertThat(decide("wes", taskFor(reference, "stewards-pw"), "changes", "Say which work types.").status())
                    .isEqualTo(204);

            LinkBrowser.Page opened = sam.open(samsApprove);
            assertThat(opened.status()).isEqualTo(410);
            assertThat(opened.why()).contains("was already completed by Wes Weller", "Asked for changes",
                    "Nothing more is needed from this link");
            assertThat(opened.hasConfirmButton()).isFalse();
            assertThat(sam.post(samsApprove, csrf, null).status()).isEqualTo(410);
            assertThat(timeline(reference)).filteredOn(line -> line.contains(":approveAsSteward:"))
                    .containsExactly("wes:approveAsSteward:changes:api");
        } finally {
            people.removeMembership(admin, "wes", "stewards-pw");
        }
    }

    @Test
    void aRoundEndedByAnotherDepartmentsRejection_voidsTheLink() {
        String reference = submit("Accounts and work orders, rejected by Finance", "PW-WORK-ORDERS",
                "FIN-UTILITY-ACCOUNTS");
        String approve = samsLinks(reference).get("Approve");
        LinkBrowser sam = new LinkBrowser();
        String csrf = sam.csrfFor(approve);

        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "reject", "Account data cannot leave Finance.")
                .status()).isEqualTo(204);
        runJobs();
        assertThat(status(reference)).isEqualTo("REJECTED");

        LinkBrowser.Page opened = sam.open(approve);
        assertThat(opened.status()).isEqualTo(410);
        assertThat(opened.why()).contains("is no longer open: it ended without a decision");
        assertThat(opened.hasConfirmButton()).isFalse();
        assertThat(sam.post(approve, csrf, null).status()).isEqualTo(410);
        assertThat(timeline(reference)).noneMatch(line -> line.startsWith("sam:"));
    }

    @Test
    void aStepTakenBySomeoneElse_voidsTheOthersLinks_whileTheTakersOwnLinkStillWorks() throws Exception {
        Person admin = person("admin");
        people.addMembership(admin, "wes", "stewards-pw");
        try {
            String reference = submit("Work orders, taken by the other steward", "PW-WORK-ORDERS");
            String samsApprove = samsLinks(reference).get("Approve");
            String wesApprove = awaitEmail(reference, "wes", "Waiting for you").actions().get("Approve");
            String task = taskFor(reference, "stewards-pw");

            assertThat(postForm("wes", "/tasks/" + task + "/claim").getResponse().getStatus()).isEqualTo(302);

            LinkBrowser sam = new LinkBrowser();
            LinkBrowser.Page opened = sam.open(samsApprove);
            assertThat(opened.status()).isEqualTo(410);
            assertThat(opened.why()).contains("was taken by or given to someone else, so this link no longer works");
            assertThat(sam.confirm(samsApprove, null).status()).isEqualTo(410);
            assertThat(openTaskIds(reference)).containsExactly(task);

            LinkBrowser.Page wesDone = new LinkBrowser().confirm(wesApprove, null);
            assertThat(wesDone.status()).isEqualTo(200);
            assertThat(timeline(reference)).filteredOn(line -> line.contains(":approveAsSteward:"))
                    .containsExactly("wes:approveAsSteward:approve:email");
        } finally {
            people.removeMembership(admin, "wes", "stewards-pw");
        }
    }

    @Test
    void aPersonTakenOutOfTheGroup_cannotActWithTheirOldLink() {
        Person admin = person("admin");
        String reference = submit("Work orders, after sam left the stewards", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");
        LinkBrowser sam = new LinkBrowser();
        String csrf = sam.csrfFor(approve);
        List<String> tasks = openTaskIds(reference);

        people.removeMembership(admin, "sam", "stewards-pw");
        try {
            LinkBrowser.Page opened = sam.open(approve);
            assertThat(opened.status()).isEqualTo(403);
            assertThat(opened.why()).contains("This link was sent to Sam Sorensen, who is no longer one of the people",
                    "ask an admin to add you to the right group");
            assertThat(opened.hasConfirmButton()).isFalse();

            LinkBrowser.Page confirmed = sam.post(approve, csrf, "Still approving");
            assertThat(confirmed.status()).isEqualTo(403);
            assertThat(confirmed.h1()).isEqualTo("This link cannot be used");
            assertThat(openTaskIds(reference)).isEqualTo(tasks);
            assertThat(timeline(reference)).noneMatch(line -> line.contains(":approveAsSteward:"));
        } finally {
            people.addMembership(admin, "sam", "stewards-pw");
        }
    }

    @Test
    void aMadeUpOrCutShortLink_saysItDoesNotExist() {
        String reference = submit("Work orders, a link cut short", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String forged = portal("/act/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        LinkBrowser browser = new LinkBrowser();

        for (String link : List.of(forged, approve.substring(0, approve.length() - 5), portal("/act/x"),
                portal("/act/" + "A".repeat(500)))) {
            LinkBrowser.Page opened = browser.open(link);
            assertThat(opened.status()).as(link).isEqualTo(404);
            assertThat(opened.h1()).isEqualTo("This link does not exist");
            assertThat(opened.why()).contains("No link like this one exists", "copy the whole link from the email");
            assertThat(opened.hasConfirmButton()).isFalse();
            assertThat(browser.confirm(link, null).status()).as("POST " + link).isEqualTo(404);
        }
        assertThat(status(reference)).isEqualTo("STEWARD_REVIEW");
        assertThat(timeline(reference)).noneMatch(line -> line.contains(":approveAsSteward:"));
    }

    @Test
    void aRejectionWithoutAReasonIsRefused_andTheSameLinkRejectsOnceTheReasonIsGiven() {
        String reference = submit("Work orders, rejected from the email", "PW-WORK-ORDERS");
        String reject = samsLinks(reference).get("Reject");
        LinkBrowser sam = new LinkBrowser();
        LinkBrowser.Page opened = sam.open(reject);
        assertThat(opened.document().select("label[for=comment]").text()).isEqualTo("Comment (required: say why)");

        LinkBrowser.Page refused = sam.post(reject, opened.csrf(), "   ");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.h1()).isEqualTo("Confirm your decision");
        assertThat(refused.document().select("#problem").text()).contains("Your decision is not recorded yet");
        assertThat(refused.hasConfirmButton()).isTrue();
        assertThat(status(reference)).isEqualTo("STEWARD_REVIEW");
        assertThat(timeline(reference)).noneMatch(line -> line.contains(":approveAsSteward:"));

        LinkBrowser.Page done = sam.post(reject, refused.csrf(), "The work orders name private addresses.");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.h1()).isEqualTo("Done");
        assertThat(timeline(reference)).contains("sam:approveAsSteward:reject:email");
        runJobs();
        assertThat(status(reference)).isEqualTo("REJECTED");
    }

    /** A few rounds: the more, the likelier the two really overlap in every way they can. */
    @RepeatedTest(3)
    void twoConfirmationsOfOneLinkAtTheSameMoment_recordOneDecision() throws Exception {
        String reference = submit("Work orders, approved twice at once", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");

        List<LinkBrowser.Page> pages = atTheSameMoment(approve, approve);

        assertThat(pages).extracting(LinkBrowser.Page::status).containsExactlyInAnyOrder(200, 410);
        LinkBrowser.Page late = pages.stream().filter(p -> p.status() == 410).findFirst().orElseThrow();
        assertThat(late.why()).contains("This link was already used");
        assertThat(timeline(reference)).filteredOn(line -> line.contains(":approveAsSteward:"))
                .containsExactly("sam:approveAsSteward:approve:email");
        assertThat(audit.of(reference)).filteredOn(e -> e.getType().equals("TASK_COMPLETED"))
                .extracting(AuditEvent::getChannel).containsExactly("email");
        runJobs();
        assertThat(status(reference)).isEqualTo("AGREEMENT_SIGNING");
    }

    /** A few rounds: the more, the likelier the two really overlap in every way they can. */
    @RepeatedTest(3)
    void approveAndRejectConfirmedAtTheSameMoment_recordOneDecision_andTheOtherPageSaysWhichWon() throws Exception {
        String reference = submit("Work orders, two buttons at once", "PW-WORK-ORDERS");
        Map<String, String> links = samsLinks(reference);

        List<LinkBrowser.Page> pages = atTheSameMoment(links.get("Approve"), links.get("Reject"));

        assertThat(pages).extracting(LinkBrowser.Page::status).containsExactlyInAnyOrder(200, 410);
        LinkBrowser.Page late = pages.stream().filter(p -> p.status() == 410).findFirst().orElseThrow();
        assertThat(late.why()).contains("was already completed by Sam Sorensen");
        assertThat(timeline(reference)).filteredOn(line -> line.contains(":approveAsSteward:")).hasSize(1)
                .allMatch(line -> line.endsWith(":email"));
    }

    /** A few rounds: the more, the likelier the two really overlap in every way they can. */
    @RepeatedTest(3)
    void aLinkConfirmedWhileTheStepIsDecidedOnTheApiAtTheSameMoment_recordsOneDecision() throws Exception {
        String reference = submit("Work orders, decided from the email and the API at once", "PW-WORK-ORDERS");
        String approve = samsLinks(reference).get("Approve");
        String task = taskFor(reference, "stewards-pw");
        LinkBrowser browser = new LinkBrowser();
        String csrf = browser.csrfFor(approve);

        List<Object> answers = atTheSameMoment(() -> browser.post(approve, csrf, null),
                () -> decide("sam", task, "reject", "Not while the audit runs."));

        LinkBrowser.Page page = (LinkBrowser.Page) answers.get(0);
        Answer api = (Answer) answers.get(1);
        List<String> decisions = timeline(reference).stream().filter(line -> line.contains(":approveAsSteward:"))
                .toList();
        if (page.status() == 200) {
            // The API call that loses is refused, told who decided, and records nothing.
            assertThat(api.status()).as("the API was too late: %s", api.body()).isEqualTo(409);
            assertThat(decisions).containsExactly("sam:approveAsSteward:approve:email");
        } else {
            assertThat(page.status()).as(page.main()).isEqualTo(410);
            assertThat(page.why()).contains("was already completed by Sam Sorensen", "Rejected");
            assertThat(api.status()).isEqualTo(204);
            assertThat(decisions).containsExactly("sam:approveAsSteward:reject:api");
        }
    }

    @Test
    void onlyTheHashOfAToken_isKeptInTheDatabase() {
        String reference = submit("Work orders, tokens in the database", "PW-WORK-ORDERS");
        Map<String, String> links = samsLinks(reference);
        List<String> tokens = links.values().stream().map(url -> url.substring(url.lastIndexOf('/') + 1)).toList();

        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("select * from action_link"));
        rows.addAll(jdbc.queryForList("select * from outbox_email"));
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                String stored = String.valueOf(value);
                assertThat(tokens).noneMatch(stored::contains);
            }
        }
        List<String> hashes = jdbc.queryForList("select token_hash from action_link where request_reference = ?",
                String.class, reference);
        assertThat(hashes).as("each link is found by its hash").containsAll(tokens.stream().map(t -> sha256(t))
                .toList());
    }

    /** Sam's action links in the task email about the request, by label. */
    private Map<String, String> samsLinks(String reference) {
        Map<String, String> links = awaitEmail(reference, "sam", "Waiting for you").actions();
        assertThat(links).containsOnlyKeys("Approve", "Reject", "Ask for changes");
        return links;
    }

    /**
     * Two browsers open a link each and get their confirm page, then press confirm at the same moment; answers both
     * pages.
     */
    private List<LinkBrowser.Page> atTheSameMoment(String first, String second) throws Exception {
        LinkBrowser one = new LinkBrowser();
        LinkBrowser two = new LinkBrowser();
        String csrfOne = one.csrfFor(first);
        String csrfTwo = two.csrfFor(second);
        return atTheSameMoment(
                () -> one.post(first, csrfOne, "Confirmed from the first tab: the reason is given."),
                () -> two.post(second, csrfTwo, "Confirmed from the second tab: the reason is given."));
    }

    /** Runs both on their own thread, released together by a barrier so that they really overlap. */
    private static <T> List<T> atTheSameMoment(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<T> a = threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return first.call();
            });
            Future<T> b = threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return second.call();
            });
            return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }
}
