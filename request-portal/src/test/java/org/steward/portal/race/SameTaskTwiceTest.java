package org.steward.portal.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
 * One task completed twice at the same moment (a double click, two tabs, a script retrying): one completion wins, the
 * other is told that the task is done and who did it, never a 500, and the history holds one decision.
 */
class SameTaskTwiceTest extends IntegrationTest {

    /** The more rounds, the likelier the two transactions really overlap. */
    private static final int ROUNDS = 6;

    @Test
    void twoApprovalsOfOneTaskAtOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String reference = submit("Accounts approved twice at once " + round, "FIN-UTILITY-ACCOUNTS");
            String task = taskFor(reference, "stewards-fin");

            List<Answer> answers = atTheSameMoment(
                    () -> decide("fiona", task, "approve", "Fine by Finance"),
                    () -> decide("fiona", task, "approve", "Fine by Finance"));

            assertOneWonAndTheOtherWasToldWho(answers, round);
            assertThat(decisions(reference)).as("round %d", round).containsExactly("submitted", "approve");
        }
    }

    @Test
    void anApprovalAndARejectionOfOneTaskAtOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String reference = submit("Accounts approved and rejected at once " + round, "FIN-UTILITY-ACCOUNTS");
            String task = taskFor(reference, "stewards-fin");

            List<Answer> answers = atTheSameMoment(
                    () -> decide("fiona", task, "approve", "Fine by Finance"),
                    () -> decide("fiona", task, "reject", "Owner names cannot leave Finance"));

            assertOneWonAndTheOtherWasToldWho(answers, round);
            List<String> outcomes = decisions(reference);
            assertThat(outcomes).as("round %d", round).hasSize(2).first().isEqualTo("submitted");
            String winner = answers.get(0).status() == 204 ? "approve" : "reject";
            assertThat(outcomes.get(1)).as("round %d: the history keeps the decision that won", round)
                    .isEqualTo(winner);
        }
    }

    private static void assertOneWonAndTheOtherWasToldWho(List<Answer> answers, int round) {
        assertThat(answers).as("round %d: %s", round, answers).extracting(Answer::status)
                .containsExactlyInAnyOrder(204, 409);
        Answer lost = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(lost.body().path("detail").asText()).as("round %d", round).contains("Fiona");
    }

    private List<String> decisions(String reference) {
        JsonNode history = request("alex", reference).get("history");
        return history.findValuesAsText("outcome");
    }

    /** Runs the calls on their own threads, released together by a barrier; answers in the order given. */
    @SafeVarargs
    private static List<Answer> atTheSameMoment(Callable<Answer>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
