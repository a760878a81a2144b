package org.steward.portal.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.portal.IntegrationTest;
import org.steward.portal.PublishedEvents;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.Client;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;

/**
 * A steward decides at the very moment the task's reminder fires (the reminder timer's job run by a node's job
 * executor, the decision on another thread or node): the engine refuses one of the two (optimistic locking). When it
 * is the decision, it is taken once more in a fresh transaction; the steward never sees an error, and the request holds
 * one decision.
 */
@ExtendWith(OutputCaptureExtension.class)
class DecisionMeetsReminderTest extends IntegrationTest {

    /** Rounds at the same moment: the decision meets the reminder in some of them (1 to 3 in 12 seen on H2). */
    private static final int ROUNDS = 10;

    @Autowired
    private ManagementService management;

    @Autowired
    private RequestService requests;

    @Autowired
    private PeopleService people;

    @Autowired
    private TaskCommands commands;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private PublishedEvents events;

    @Test
    void aDecisionTakenWhileTheTasksReminderFiresIsTakenOnceWithoutAnError(CapturedOutput output) throws Exception {
        Person fiona = people.find("fiona").orElseThrow();
        int decisionTakenAgain = 0;
        int reminderLost = 0;
        int decisionFirst = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String reference = submit("Accounts decided as the reminder fires " + round, "FIN-UTILITY-ACCOUNTS");
            String task = taskFor(reference, "stewards-fin");
            String processInstance = requests.byReference(reference).orElseThrow().getProcessInstanceId();
            Job reminder = management.createJobQuery().processInstanceId(processInstance)
                    .activityId("stewardReminderDue").singleResult();
            assertThat(reminder).as("round %d: the steward task's reminder timer", round).isNotNull();

            List<String> outcomes = atTheSameMoment(() -> {
                try {
                    management.executeJob(reminder.getId());
                    return "reminded";
                } catch (OptimisticLockingException decisionWon) {
                    return "reminder lost";
                } catch (ProcessEngineException jobGone) {
                    // The decision had ended the task, and its timer with it, before the job was read.
                    return "decision first";
                }
            }, () -> {
                commands.decide(TaskDecision.by(fiona, task, "approve", "Fine by Finance", Map.of(), Channel.API,
                        Client.UNKNOWN));
                return "decided";
            });

            assertThat(outcomes.get(1)).as("round %d: the steward's decision", round).isEqualTo("decided");
            assertThat(request("alex", reference).get("history").findValuesAsText("outcome"))
                    .as("round %d: %s", round, outcomes).containsExactly("submitted", "approve");
            assertThat(currentTasks(reference).findValuesAsText("id")).as("round %d", round).doesNotContain(task);
            if (output.getAll().contains("on task " + task + " met another change")) {
                decisionTakenAgain++;
            }
            reminderLost += "reminder lost".equals(outcomes.get(0)) ? 1 : 0;
            decisionFirst += "decision first".equals(outcomes.get(0)) ? 1 : 0;
        }
        System.out.printf("Decision meets reminder, %d rounds: decision taken again %d, reminder lost %d, decision "
                + "before the reminder was read %d%n", ROUNDS, decisionTakenAgain, reminderLost, decisionFirst);
    }

    /**
     * The interleaving that made a steward see an error, every time: the reminder's transaction has run the timer job
     * and not yet committed when the steward decides; the decision reads the task as it was, then waits for the rows
     * the reminder changed; the reminder commits, the engine refuses the decision's now stale write, and the decision
     * is taken once more, on the task as the reminder left it.
     */
    @Test
    void aDecisionThatReadTheTaskBeforeTheReminderCommittedIsTakenAgain(CapturedOutput output) throws Exception {
        Person fiona = people.find("fiona").orElseThrow();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                String reference = submit("Accounts decided while the reminder commits " + round,
                        "FIN-UTILITY-ACCOUNTS");
                String task = taskFor(reference, "stewards-fin");
                String processInstance = requests.byReference(reference).orElseThrow().getProcessInstanceId();
                Job reminder = management.createJobQuery().processInstanceId(processInstance)
                        .activityId("stewardReminderDue").singleResult();
                CountDownLatch reminderRan = new CountDownLatch(1);
                Future<?> reminding = threads.submit(() -> transactions.executeWithoutResult(status -> {
                    management.executeJob(reminder.getId());
                    reminderRan.countDown();
                    awaitATransactionWaitingForALock();
                }));
                assertThat(reminderRan.await(60, TimeUnit.SECONDS)).as("round %d: the reminder ran", round).isTrue();
                Future<?> deciding = threads.submit(() -> commands.decide(TaskDecision.by(fiona, task, "approve",
                        "Fine by Finance", Map.of(), Channel.API, Client.UNKNOWN)));
                reminding.get(60, TimeUnit.SECONDS);
                deciding.get(60, TimeUnit.SECONDS);

                assertThat(output.getAll()).as("round %d: the decision met the reminder and was taken again", round)
                        .contains("on task " + task + " met another change");
                assertThat(request("alex", reference).get("history").findValuesAsText("outcome"))
                        .as("round %d", round).containsExactly("submitted", "approve");
                assertThat(events.remindersOf(reference)).as("round %d: the reminder was sent all the same", round)
                        .isNotEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Until another transaction waits for a row lock (the decision's, for the rows the reminder changed). */
    private void awaitATransactionWaitingForALock() {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        // MariaDB leaves a statement waiting for a row lock out of innodb_trx at times (seen: the engine's delete of
        // the timer job, 'Updating' for seconds, not listed): a statement of this database running for a second or
        // more, on another connection, is the wait, since nothing else here takes that long.
        String waiting = "H2".equals(product)
                ? "select count(*) from information_schema.sessions where blocker_id is not null"
                : "select count(*) from information_schema.processlist where db = database() and command = 'Query'"
                        + " and id <> connection_id() and time >= 1";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.queryForObject(waiting, Long.class) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The decision never waited for the reminder's transaction");
            }
            Thread.onSpinWait();
        }
    }

    /** Runs the calls on their own threads, released together by a barrier; answers in the order given. */
    @SafeVarargs
    private static List<String> atTheSameMoment(Callable<String>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
