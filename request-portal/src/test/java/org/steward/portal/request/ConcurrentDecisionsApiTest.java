package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/**
 * Two departments' stewards decide on the same request at the same moment, each from their own client: neither is
 * told to try again, and the request goes where both decisions together send it.
 */
class ConcurrentDecisionsApiTest extends IntegrationTest {

    @Autowired
    private ManagementService management;

    @Test
    void twoStewardsApprovingAtTheSameMomentBothSucceedAndTheRequestGoesToDelivery() throws Exception {
        String reference = submit("Work orders and accounts, approved at once", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        String publicWorks = taskFor(reference, "stewards-pw");
        String finance = taskFor(reference, "stewards-fin");

        List<Answer> answers = atTheSameMoment(
                () -> decide("sam", publicWorks, "approve", "Fine by Public Works"),
                () -> decide("fiona", finance, "approve", "Fine by Finance"));

        assertThat(answers).extracting(Answer::status).containsExactly(204, 204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        assertThat(request("alex", reference).get("history").findValuesAsText("actor"))
                .contains("sam", "fiona");
    }

    @Test
    void oneApprovingWhileTheOtherRejectsBothSucceedAndTheRequestIsRejected() throws Exception {
        String reference = submit("Work orders and accounts, approved and rejected at once", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        String publicWorks = taskFor(reference, "stewards-pw");
        String finance = taskFor(reference, "stewards-fin");

        List<Answer> answers = atTheSameMoment(
                () -> decide("sam", publicWorks, "approve", "Fine by Public Works"),
                () -> decide("fiona", finance, "reject", "Owner names cannot leave Finance"));

        assertThat(answers).extracting(Answer::status).containsExactly(204, 204);
        runJobsOneAfterTheOther();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("REJECTED");
        assertThat(request("alex", reference).get("currentTasks")).isEmpty();
    }

    /** Runs the calls on their own threads, released together by a barrier; answers in the order given. */
    @SafeVarargs
    private List<Answer> atTheSameMoment(Callable<Answer>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Answer>> futures = new java.util.ArrayList<>();
            for (Callable<Answer> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Answer> answers = new java.util.ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Runs due jobs one at a time, asking for the next after each: a rejection's job cancels the sibling
     * department's pending job, which a list taken beforehand would still hold (the job executor skips such a job;
     * {@code ManagementService.executeJob} throws "No job found").
     */
    private void runJobsOneAfterTheOther() {
        for (int i = 0; i < 50; i++) {
            List<Job> due = management.createJobQuery().executable().listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs keep coming after 50 runs");
    }
}
