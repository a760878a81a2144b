package org.steward.benchmarks.volume;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the reads people make all day against the generated volume: fiona's inbox (page and API), a request's page
 * and API answer, alex's list (API and page). Lists are timed on their first page.
 */
final class ReadLatency {

    /** fiona and alex as one simulated office worker sees them: each logged in once, with their own cookies. */
    record People(StewardClient fiona, StewardClient alex) {
        static People login(URI base) throws Exception {
            People people = new People(new StewardClient(base, "fiona"), new StewardClient(base, "alex"));
            people.fiona().login();
            people.alex().login();
            return people;
        }
    }

    /** One read: its name and how to make it. */
    record Endpoint(String name, Call call) {
        interface Call {
            StewardClient.Answer make(People people, String reference) throws Exception;
        }
    }

    /** Latencies and error counts of one endpoint under one load. */
    record Result(String endpoint, int calls, double p50, double p95, double p99, int non2xx, int serverErrors) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("fiona's inbox page GET /tasks", (p, r) -> p.fiona().page("/tasks")),
            new Endpoint("fiona GET /api/tasks", (p, r) -> p.fiona().get("/api/tasks")),
            new Endpoint("request page GET /requests/{ref}", (p, r) -> p.alex().page("/requests/" + r)),
            new Endpoint("GET /api/requests/{ref}", (p, r) -> p.alex().get("/api/requests/" + r)),
            new Endpoint("alex GET /api/requests", (p, r) -> p.alex().get("/api/requests")),
            new Endpoint("alex's list page GET /requests", (p, r) -> p.alex().page("/requests")));

    private final URI base;
    private final List<String> references;

    ReadLatency(URI base, List<String> references) {
        this.base = base;
        this.references = references;
    }

    /** One client calling back to back: warm-up calls untimed, then {@code calls} timed calls per endpoint. */
    List<Result> oneClient(int warmUp, int calls) throws Exception {
        People people = People.login(base);
        Random random = new Random(1);
        List<Result> results = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (int i = 0; i < warmUp; i++) {
                endpoint.call().make(people, pick(random));
            }
            List<StewardClient.Answer> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(endpoint.call().make(people, pick(random)));
            }
            results.add(summarise(endpoint.name(), answers));
        }
        return results;
    }

    /**
     * An office: {@code clients} people, each logged in once, each calling the endpoints in turn and waiting a
     * second between calls, for {@code seconds}.
     */
    List<Result> office(int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<String, List<StewardClient.Answer>> answers = new LinkedHashMap<>();
        for (Endpoint e : ENDPOINTS) {
            answers.put(e.name(), Collections.synchronizedList(new ArrayList<>()));
        }
        long end = System.currentTimeMillis() + seconds * 1000L;
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            workers.add(pool.submit(() -> {
                People people = People.login(base);
                Random random = new Random(offset);
                for (int i = offset; System.currentTimeMillis() < end; i++) {
                    Endpoint endpoint = ENDPOINTS.get(i % ENDPOINTS.size());
                    answers.get(endpoint.name()).add(endpoint.call().make(people, pick(random)));
                    Thread.sleep(1000);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, List<StewardClient.Answer>> e : answers.entrySet()) {
            results.add(summarise(e.getKey(), e.getValue()));
        }
        return results;
    }

    private String pick(Random random) {
        return references.get(random.nextInt(references.size()));
    }

    private static Result summarise(String endpoint, List<StewardClient.Answer> answers) {
        List<Double> millis = new ArrayList<>(answers.stream().map(StewardClient.Answer::millis).toList());
        Collections.sort(millis);
        int non2xx = (int) answers.stream().filter(a -> !a.ok()).count();
        int serverErrors = (int) answers.stream().filter(a -> a.status() >= 500).count();
        return new Result(endpoint, millis.size(), percentile(millis, 50), percentile(millis, 95),
                percentile(millis, 99), non2xx, serverErrors);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static void print(PrintStream out, String title, List<Result> results) {
        out.println(title);
        out.printf("  %-36s %6s %9s %9s %9s %7s %4s  %s%n", "endpoint", "calls", "p50 ms", "p95 ms", "p99 ms",
                "non2xx", "5xx", "target p95 < 50 ms");
        for (Result r : results) {
            boolean targeted = r.endpoint().contains("inbox page") || r.endpoint().contains("request page");
            out.printf("  %-36s %6d %9.1f %9.1f %9.1f %7d %4d  %s%n", r.endpoint(), r.calls(), r.p50(), r.p95(),
                    r.p99(), r.non2xx(), r.serverErrors(), targeted ? (r.p95() < 50 ? "met" : "MISSED") : "");
        }
    }
}
