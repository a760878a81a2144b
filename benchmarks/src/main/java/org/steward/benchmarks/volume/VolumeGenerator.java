package org.steward.benchmarks.volume;

import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills Steward's database with requests in every state: the open ones (2,000 at Finance's steward, a few at every
 * other step) are submitted and decided for real through the REST API; the finished ones are copies of requests
 * played for real once per scenario (see {@link RequestCloner}), written by batched JDBC inserts.
 */
final class VolumeGenerator {

    /** How many requests, and how many of them waiting at fiona. */
    record Size(int requests, int atFiona, int perOpenStep) {
        static Size of(boolean quick) {
            return quick ? new Size(10_000, 300, 5) : new Size(100_000, 2_000, 40);
        }
    }

    /** What the generator made: how long each phase took and references to read afterwards. */
    record Generated(double liveSeconds, double copySeconds, Map<String, Long> countsByStatus,
            Map<String, List<String>> referencesByScenario, List<String> openReferences) {
    }

    private static final int API_CLIENTS = 4;
    private static final int WRITERS = 2;

    private final LiveRequests live;
    private final PrintStream out;

    VolumeGenerator(URI base, String jdbcUrl, String user, String password, PrintStream out) {
        this.live = new LiveRequests(base, jdbcUrl, user, password);
        this.out = out;
    }

    Generated generate(Size size) throws Exception {
        long start = System.nanoTime();
        List<Scenario> scenarios = Scenario.all();
        Map<Scenario, String> templates = Collections.synchronizedMap(new LinkedHashMap<>());
        ExecutorService api = Executors.newFixedThreadPool(API_CLIENTS);
        List<Future<?>> plays = new ArrayList<>();
        for (Scenario s : scenarios) {
            plays.add(api.submit(() -> {
                String reference = live.submit(s.requester(), s.datasets(), s.external());
                s.play().run(live, reference);
                live.awaitStatus(s.requester(), reference, s.finalStatus());
                live.awaitSettled(reference);
                templates.put(s, reference);
                return null;
            }));
        }
        List<String> open = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> opens = new ArrayList<>();
        String[] requesters = {"alex", "alex", "alex", "alex", "alex", "alex", "alex", "dana", "wes", "pat"};
        for (int i = 0; i < size.atFiona(); i++) {
            String requester = requesters[i % requesters.length];
            opens.add(api.submit(() -> open.add(live.submit(requester, List.of(LiveRequests.FIN), false))));
        }
        for (int i = 0; i < size.perOpenStep(); i++) {
            opens.add(api.submit(() -> open.add(live.submit("alex", List.of(LiveRequests.CENTERLINES), false))));
            opens.add(api.submit(() -> {
                String r = live.submit("alex", List.of(LiveRequests.WORK_ORDERS), false);
                live.decide("sam", r, "changes", "Which streets exactly?", null);
                return open.add(r);
            }));
            opens.add(api.submit(() -> {
                String r = live.submit("alex", List.of(LiveRequests.FIN, LiveRequests.CENTERLINES), false);
                live.approve("fiona", r);
                live.approve("sam", r);
                return open.add(r);
            }));
            opens.add(api.submit(() -> {
                String r = live.submit("alex", List.of(LiveRequests.WORK_ORDERS), false);
                live.approve("sam", r);
                live.sign("wes", r, "sign");
                return open.add(r);
            }));
            opens.add(api.submit(() -> {
                String r = live.submit("alex", List.of(LiveRequests.CENTERLINES), true);
                live.approve("sam", r);
                return open.add(r);
            }));
        }
        for (Future<?> play : plays) {
            try {
                play.get();
            } catch (Exception e) {
                out.println("  scenario failed, left out of the copies: " + e.getCause());
            }
        }
        int failedOpen = 0;
        for (Future<?> f : opens) {
            try {
                f.get();
            } catch (Exception e) {
                if (failedOpen++ < 5) {
                    out.println("  an open request failed: " + e.getCause());
                }
            }
        }
        api.shutdown();
        double liveSeconds = (System.nanoTime() - start) / 1e9;
        out.printf("  through the API: %d scenarios played, %d open requests (%d failed) in %.0f s%n",
                templates.size(), open.size(), failedOpen, liveSeconds);

        long copyStart = System.nanoTime();
        Map<String, List<String>> byScenario = copies(size, templates, open.size());
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        out.printf("  copies written by SQL in %.0f s%n", copySeconds);
        return new Generated(liveSeconds, copySeconds, countsByStatus(), byScenario, open);
    }

    private Map<String, List<String>> copies(Size size, Map<Scenario, String> templates, int openCount)
            throws Exception {
        Map<RequestCloner.Template, Integer> copies = new LinkedHashMap<>();
        RequestCloner cloner;
        try (Connection db = live.connect()) {
            cloner = new RequestCloner(db);
            int existing = (int) RequestCloner.single(db, "SELECT COUNT(*) FROM data_request");
            int wanted = Math.max(0, size.requests() - existing);
            int weights = templates.keySet().stream().mapToInt(Scenario::weight).sum();
            for (Map.Entry<Scenario, String> t : templates.entrySet()) {
                copies.put(cloner.load(db, t.getKey(), t.getValue()),
                        (int) Math.round((double) wanted * t.getKey().weight() / weights));
            }
        }
        RequestCloner.Reservation reservation;
        try (Connection db = live.connect()) {
            reservation = RequestCloner.reserve(db, copies);
        }
        // Rounds of about 2,000 copies, each with every scenario in its share, oldest round first (times ascend as
        // in a real database), written by two connections at once: the server has two cores.
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        Map<String, List<String>> byScenario = Collections.synchronizedMap(new LinkedHashMap<>());
        List<Future<?>> chunks = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        int total = copies.values().stream().mapToInt(Integer::intValue).sum();
        int rounds = Math.max(1, (total + 1_999) / 2_000);
        for (int round = 0; round < rounds; round++) {
            long from = RequestCloner.MAX_SHIFT_SECONDS * (rounds - round) / rounds;
            long to = RequestCloner.MAX_SHIFT_SECONDS * (rounds - round - 1) / rounds;
            int r = round;
            chunks.add(writers.submit(() -> {
                try (Connection db = live.connect()) {
                    try (Statement s = db.createStatement()) {
                        // The copies' rows are consistent by construction; checking each key costs time.
                        s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                    }
                    int count = 0;
                    for (Map.Entry<RequestCloner.Template, Integer> c : copies.entrySet()) {
                        int share = c.getValue() * (r + 1) / rounds - c.getValue() * r / rounds;
                        if (share == 0) {
                            continue;
                        }
                        List<String> refs = cloner.copy(db, c.getKey(), share, reservation, from, to);
                        List<String> kept = byScenario.computeIfAbsent(c.getKey().scenario().name(),
                                k -> Collections.synchronizedList(new ArrayList<>()));
                        if (kept.size() < 500) {
                            kept.addAll(refs.subList(0, Math.min(refs.size(), 50)));
                        }
                        count += share;
                    }
                    int done = written.addAndGet(count);
                    if (done / 10_000 != (done - count) / 10_000) {
                        out.printf("    %,d copies written%n", done);
                    }
                }
                return null;
            }));
        }
        for (Future<?> chunk : chunks) {
            chunk.get();
        }
        writers.shutdown();
        try (Connection db = live.connect(); Statement s = db.createStatement()) {
            // Fresh statistics, as InnoDB would gather by itself after so many new rows, a little later.
            for (String table : List.of("data_request", "requested_dataset", "requested_element",
                    "request_participant", "decision", "audit_event", "data_sharing_agreement", "agreement_party",
                    "agreement_signature", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
                    "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_RU_EXECUTION", "ACT_RU_VARIABLE",
                    "ACT_RU_JOB", "ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_EVENT_SUBSCR", "ACT_GE_BYTEARRAY")) {
                s.execute("ANALYZE TABLE " + table);
            }
        }
        return byScenario;
    }

    /** A database generated by an earlier run: its counts, and the long-history copies found by their size. */
    Generated existing() throws Exception {
        List<String> longest = new ArrayList<>();
        try (Connection db = live.connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT request_reference FROM decision GROUP BY request_reference ORDER BY COUNT(*) DESC LIMIT 100")) {
            while (rs.next()) {
                longest.add(rs.getString(1));
            }
        }
        return new Generated(0, 0, countsByStatus(), Map.of("long history: three rounds of changes", longest),
                List.of());
    }

    Map<String, Long> countsByStatus() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = live.connect(); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM data_request GROUP BY status "
                        + "ORDER BY COUNT(*) DESC")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
