package org.steward.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * The API's lists come a page at a time, {"items", "page", "size", "total"}, in the order asked for, and a list read
 * while its tasks are being completed answers with what it found, never a 500.
 */
class ListsApiTest extends IntegrationTest {

    @Test
    void requestsComeAPageAtATimeNewestFirstWithHowManyInAll() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(submit("Paged list " + i, "PW-STREET-CENTERLINES"));
        }
        JsonNode first = get("alex", "/api/requests?size=2").body();
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.get("items").findValuesAsText("reference")).containsExactly(mine.get(2), mine.get(1));
        JsonNode second = get("alex", "/api/requests?size=2&page=1").body();
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("reference").asText()).isEqualTo(mine.get(0));

        JsonNode oldest = get("alex", "/api/requests?sort=oldest&size=1").body();
        assertThat(Instant.parse(oldest.get("items").get(0).get("createdAt").asText()))
                .isBefore(Instant.parse(first.get("items").get(0).get("createdAt").asText()));
        assertThat(get("alex", "/api/requests").body().get("size").asInt()).as("the default size").isEqualTo(50);
        assertThat(get("alex", "/api/requests?size=201").status()).isEqualTo(400);
    }

    @Test
    void tasksComeAPageAtATimeAndNarrowToOneRequest() {
        String reference = submit("Paged tasks", "PW-STREET-CENTERLINES");
        JsonNode one = get("sam", "/api/tasks?request=" + reference).body();
        assertThat(one.get("total").asLong()).isEqualTo(1);
        assertThat(one.get("items").get(0).get("taskDefinitionKey").asText()).isEqualTo("approveAsSteward");
        assertThat(one.get("items").get(0).get("candidateGroups").toString()).isEqualTo("[\"stewards-pw\"]");

        // Tests that move the engine's clock leave tasks for sam dated later than this one: the order is asserted,
        // not which task comes first.
        JsonNode newest = get("sam", "/api/tasks?sort=newest&size=5").body();
        List<Instant> created = new ArrayList<>();
        newest.get("items").forEach(task -> created.add(Instant.parse(task.get("created").asText())));
        assertThat(created).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(Instant.parse(one.get("items").get(0).get("created").asText())).isBeforeOrEqualTo(created.get(0));
        JsonNode oldest = get("sam", "/api/tasks?sort=oldest&size=1").body();
        assertThat(Instant.parse(oldest.get("items").get(0).get("created").asText())).isBefore(created.get(0));
        assertThat(newest.get("total").asLong()).isEqualTo(total("sam", "/api/tasks"));
        assertThat(get("sam", "/api/tasks?sort=sideways").body().get("errors").get("sort").asText())
                .isEqualTo("Sort by one of: oldest, newest, due, step.");
    }

    @Test
    void aListReadWhileItsTasksAreCompletedNeverFails() throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tasks.add(taskFor(submit("Read while decided " + i, "PW-WORK-ORDERS"), "stewards-pw"));
        }
        CyclicBarrier start = new CyclicBarrier(3);
        AtomicBoolean deciding = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> decided = threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                int done = 0;
                for (String task : tasks) {
                    done += decide("sam", task, "approve", null).status() == 204 ? 1 : 0;
                }
                deciding.set(false);
                return done;
            });
            List<Future<List<Integer>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<Integer> statuses = new ArrayList<>();
                    while (deciding.get()) {
                        statuses.add(get("sam", "/api/tasks?sort=newest&size=200").status());
                    }
                    return statuses;
                }));
            }
            assertThat(decided.get(120, TimeUnit.SECONDS)).isEqualTo(25);
            List<Integer> answers = new ArrayList<>();
            for (Future<List<Integer>> reader : readers) {
                answers.addAll(reader.get(120, TimeUnit.SECONDS));
            }
            System.out.println("Lists read while tasks were decided: " + answers.size() + " reads, "
                    + answers.stream().filter(s -> s >= 500).count() + " 500s");
            assertThat(answers).isNotEmpty().allSatisfy(status -> assertThat(status).isEqualTo(200));
        } finally {
            threads.shutdownNow();
        }
        runJobs();
    }
}
