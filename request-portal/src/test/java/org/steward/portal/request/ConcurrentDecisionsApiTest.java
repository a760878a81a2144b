package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * Two departments' stewards decide on the same request at the same moment, each from their own client: neither is
 * told to try again, and the request goes where both decisions together send it.
 */
class ConcurrentDecisionsApiTest extends IntegrationTest {

    /** Each scenario runs a few times over: the more rounds, the likelier the two transactions really overlap. */
    private static final int ROUNDS = 3;

    @Test
    void twoStewardsApprovingAtTheSameMomentBothSucceedAndTheRequestMovesOnOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String reference = submit("Work orders and accounts, approved at once " + round, "FIN-UTILITY-ACCOUNTS",
                    "PW-WORK-ORDERS");
            String publicWorks = taskFor(reference, "stewards-pw");
            String finance = taskFor(reference, "stewards-fin");

            List<Answer> answers = atTheSameMoment(
                    () -> decide("sam", publicWorks, "approve", "Fine by Public Works"),
                    () -> decide("fiona", finance, "approve", "Fine by Finance"));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactly(204, 204);
            runJobs();
            JsonNode approved = request("alex", reference);
            // Personal data: after both stewards, the privacy office; one review, not one per approval.
            assertThat(approved.get("status").asText()).as("round %d", round).isEqualTo("PRIVACY_REVIEW");
            assertThat(waitingOn(reference)).as("round %d", round).containsExactly("privacyReview -> privacy-office");
            assertThat(approved.get("history").findValuesAsText("outcome")).as("round %d", round)
                    .containsExactly("submitted", "approve", "approve");
        }
    }

    @Test
    void oneApprovingWhileTheOtherRejectsBothSucceedAndTheRequestIsRejected() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String reference = submit("Work orders and accounts, approved and rejected at once " + round,
                    "FIN-UTILITY-ACCOUNTS", "PW-WORK-ORDERS");
            String publicWorks = taskFor(reference, "stewards-pw");
            String finance = taskFor(reference, "stewards-fin");

            List<Answer> answers = atTheSameMoment(
                    () -> decide("sam", publicWorks, "approve", "Fine by Public Works"),
                    () -> decide("fiona", finance, "reject", "Owner names cannot leave Finance"));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                    .containsExactly(204, 204);
            runJobs();
            JsonNode rejected = request("alex", reference);
            assertThat(rejected.get("status").asText()).as("round %d", round).isEqualTo("REJECTED");
            assertThat(rejected.get("currentTasks")).as("round %d", round).isEmpty();
            assertThat(rejected.get("history").findValuesAsText("outcome")).as("round %d", round)
                    .containsExactlyInAnyOrder("submitted", "approve", "reject");
        }
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
}
