package org.steward.portal.mail;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.IntegrationTest;
import org.steward.portal.TestMailServer;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.process.WorkingDays;
import org.steward.workflow.request.RequestService;

/**
 * What the email tests share: the emails of one request as they arrived (the context is shared, so each test reads
 * only its own request's), waiting on conditions with a deadline, moving the engine's clock (and so the platform's
 * and the sender's) and running one request's due jobs, forms posted as a logged-in browser does.
 */
abstract class MailTest extends IntegrationTest {

    /** Long enough for the sender (every 100 ms in tests) and a few retries; a test that waits this long failed. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** How emails write a day, so a test can compare what a person reads. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US);

    @Autowired
    protected EmailOutbox outbox;

    @Autowired
    protected PeopleService people;

    @Autowired
    protected RequestService requests;

    @Autowired
    protected Clock clock;

    @Autowired
    private WorkingDays workingDays;

    @Autowired
    private ManagementService management;

    /** No test leaves the clock moved: the next one (of any class) would live in the future. */
    @AfterEach
    void clockBackToNow() {
        ClockUtil.reset();
    }

    /**
     * Waits until the sender is done with every email written about the request (none waits for a try) and every one
     * it sent has reached the mail server; answers those emails, in the order they arrived.
     */
    protected List<Mails.Mail> settled(String reference) {
        return eventually("every email about " + reference + " sent and received", () -> {
            List<OutboxEmail> rows = outbox.about(reference);
            if (rows.stream().anyMatch(r -> r.getStatus() == OutboxEmail.Status.PENDING)) {
                return null;
            }
            Set<Long> ids = rows.stream().map(OutboxEmail::getId).collect(Collectors.toSet());
            Set<Long> sent = rows.stream().filter(r -> r.getStatus() == OutboxEmail.Status.SENT)
                    .map(OutboxEmail::getId).collect(Collectors.toSet());
            List<Mails.Mail> mails = Mails.fromRows(ids);
            return mails.stream().map(Mails.Mail::outboxId).collect(Collectors.toSet()).containsAll(sent) ? mails
                    : null;
        });
    }

    /** The one email about the request to the person whose subject starts so; fails if there are more. */
    protected Mails.Mail theEmail(String reference, String user, String subjectStart) {
        List<Mails.Mail> found = settled(reference).stream()
                .filter(m -> m.isTo(user + "@example.org") && m.subject().startsWith(subjectStart)).toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one email \"" + subjectStart + "…\" to " + user + " about " + reference
                    + ", got " + found.size() + ". All about it: " + describe(settled(reference)));
        }
        return found.get(0);
    }

    /** Waits for the one email about the request to the person whose subject starts so (it may not be sent yet). */
    protected Mails.Mail awaitEmail(String reference, String user, String subjectStart) {
        eventually(subjectStart + "… to " + user, () -> settled(reference).stream()
                .anyMatch(m -> m.isTo(user + "@example.org") && m.subject().startsWith(subjectStart)) ? true : null);
        return theEmail(reference, user, subjectStart);
    }

    static String describe(List<Mails.Mail> mails) {
        return mails.stream().map(m -> m.to() + " " + m.subject()).toList().toString();
    }

    /** Polls until the supplier answers something other than null or false; fails after {@link #DEADLINE}. */
    static <T> T eventually(String what, Supplier<T> condition) {
        return eventually(what, DEADLINE, condition);
    }

    static <T> T eventually(String what, Duration deadline, Supplier<T> condition) {
        Instant until = Instant.now().plus(deadline);
        while (true) {
            T answer = condition.get();
            if (answer != null && !Boolean.FALSE.equals(answer)) {
                return answer;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Waited " + deadline.toSeconds() + " s in vain for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Starts the test's mail server again after a test stopped it, trying for a while: the port can stay taken for a
     * moment after the connections of an outage are closed, and every later test needs the server.
     */
    static void restartMailServer() {
        eventually("the mail server started again", Duration.ofSeconds(60), () -> {
            try {
                TestMailServer.start();
                return true;
            } catch (IllegalStateException portStillTaken) {
                return null;
            }
        });
    }

    /** The portal's address as emails write it. */
    protected String portal(String path) {
        return "http://localhost:" + port + path;
    }

    /** A day as an email writes it, in the city's time zone. */
    protected String day(Instant instant) {
        return DAY.format(instant.atZone(clock.getZone()));
    }

    protected Person person(String id) {
        return people.find(id).orElseThrow();
    }

    /**
     * Moves the engine's clock (the platform's and the sender's follow it) to the moment, and lets it run on from
     * there: the sender's retries and claims keep working while a test lives in the future.
     */
    protected static void moveClockTo(Instant moment) {
        ClockUtil.offset(moment.toEpochMilli() - System.currentTimeMillis());
    }

    /** Runs the request's due jobs (timers and continuations) one at a time, as the job executor would. */
    protected void runDueJobsOf(String reference) {
        String processInstance = requests.byReference(reference).orElseThrow().getProcessInstanceId();
        for (int ran = 0; ran < 50; ran++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstance).executable()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs of " + reference + " keep coming after 50 runs");
    }

    /** The same time of day the given number of working days later, in the city's time zone. */
    protected Instant workingDaysAfter(Instant start, int days) {
        ZonedDateTime moment = start.atZone(clock.getZone());
        int counted = 0;
        while (counted < days) {
            moment = moment.plusDays(1);
            if (workingDays.isWorkingDay(moment.toLocalDate())) {
                counted++;
            }
        }
        return moment.toInstant();
    }

    /** A form of the portal posted by a logged-in person, with the CSRF token, fields as name/value pairs. */
    protected MvcResult postForm(String user, String path, String... namesAndValues) throws Exception {
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post(path).with(httpBasic(user, "demo"))
                .with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            post.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        return mvc.perform(post).andReturn();
    }

    /** The ids of the request's open tasks, as its requester sees them. */
    protected List<String> openTaskIds(String reference) {
        return currentTasks(reference).findValuesAsText("id");
    }

    protected String status(String reference) {
        return request("alex", reference).get("status").asText();
    }
}
