package org.steward.benchmarks.volume;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 14, item 2: fills a freshly started Steward's database with requests in every state (100,000, 2,000 of
 * them waiting at fiona), then times the reads people make at that volume and EXPLAINs the SQL behind them.
 * docs/benchmarks-reads.md describes the method and the figures.
 */
public final class ReadsAtVolume {

    private ReadsAtVolume() {
    }

    /** Entry point for the benchmark runner: Steward is running on the database named by {@code jdbcUrl}. */
    public static void run(URI stewardBaseUrl, String jdbcUrl, String dbUser, String dbPassword, boolean quick,
            PrintStream out) throws Exception {
        run(stewardBaseUrl, jdbcUrl, dbUser, dbPassword, quick, true, out);
    }

    /** As {@link #run}; {@code generate} false measures a database generated before (a second look, by hand). */
    static void run(URI stewardBaseUrl, String jdbcUrl, String dbUser, String dbPassword, boolean quick,
            boolean generate, PrintStream out) throws Exception {
        String url = withBatching(jdbcUrl);
        VolumeGenerator.Generated generated = generate ? generate(stewardBaseUrl, url, dbUser, dbPassword, quick, out)
                : new VolumeGenerator(stewardBaseUrl, url, dbUser, dbPassword, out).existing();
        measure(stewardBaseUrl, url, dbUser, dbPassword, quick, generated, out);
    }

    private static VolumeGenerator.Generated generate(URI stewardBaseUrl, String url, String dbUser,
            String dbPassword, boolean quick, PrintStream out) throws Exception {
        VolumeGenerator.Size size = VolumeGenerator.Size.of(quick);
        out.printf("Reads at volume: generating %,d requests, %,d of them at fiona%s%n", size.requests(),
                size.atFiona(), quick ? " (quick)" : "");
        long start = System.nanoTime();
        VolumeGenerator.Generated generated = new VolumeGenerator(stewardBaseUrl, url, dbUser, dbPassword, out)
                .generate(size);
        out.printf("Generation took %.0f s (%.0f s through the API, %.0f s of copies by SQL)%n",
                (System.nanoTime() - start) / 1e9, generated.liveSeconds(), generated.copySeconds());
        long total = generated.countsByStatus().values().stream().mapToLong(Long::longValue).sum();
        out.printf("Requests by status (%,d in all):%n", total);
        for (Map.Entry<String, Long> e : generated.countsByStatus().entrySet()) {
            out.printf("  %-20s %,8d%n", e.getKey(), e.getValue());
        }
        return generated;
    }

    private static void measure(URI stewardBaseUrl, String url, String dbUser, String dbPassword, boolean quick,
            VolumeGenerator.Generated generated, PrintStream out) throws Exception {
        List<String> references;
        try (Connection db = DriverManager.getConnection(url, dbUser, dbPassword)) {
            check(stewardBaseUrl, db, out);
            references = alexsReferences(db, generated);
        }

        ReadLatency latency = new ReadLatency(stewardBaseUrl, references);
        out.println(load());
        ReadLatency.print(out, "Read latency, 1 client back to back" + (quick ? " (quick)" : ""),
                quick ? latency.oneClient(5, 40) : latency.oneClient(20, 200));
        out.println(load());
        ReadLatency.print(out, "Read latency, 16 clients each waiting 1 s between calls, "
                + (quick ? 15 : 60) + " s", latency.office(16, quick ? 15 : 60));
        out.println(load());

        try (Connection db = DriverManager.getConnection(url, dbUser, dbPassword)) {
            HotPathExplain explain = new HotPathExplain(db);
            ReadLatency.People people = ReadLatency.People.login(stewardBaseUrl);
            List<HotPathExplain.Query> queries = new ArrayList<>();
            for (ReadLatency.Endpoint endpoint : ReadLatency.ENDPOINTS) {
                List<String> statements = explain.capture(() -> {
                    for (int i = 0; i < 3; i++) {
                        endpoint.call().make(people, references.get(i * 7 % references.size()));
                    }
                });
                queries.addAll(explain.explain(endpoint.name(), statements));
            }
            Path target = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "target", "explain.md")
                    : Path.of("target", "explain.md");
            HotPathExplain.report(queries, target, out);
        }
    }

    /** Checks a few requests of every status answer 200 on the API and the page, and fiona's inbox is full. */
    private static void check(URI base, Connection db, PrintStream out) throws Exception {
        StewardClient audrey = new StewardClient(base, "audrey");
        audrey.login();
        int checked = 0;
        List<String> failures = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet statuses = s.executeQuery(
                "SELECT DISTINCT status FROM data_request")) {
            while (statuses.next()) {
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT reference FROM data_request WHERE status = ? ORDER BY id DESC LIMIT 3")) {
                    q.setString(1, statuses.getString(1));
                    try (ResultSet refs = q.executeQuery()) {
                        while (refs.next()) {
                            String ref = refs.getString(1);
                            for (StewardClient.Answer a : List.of(audrey.get("/api/requests/" + ref),
                                    audrey.page("/requests/" + ref))) {
                                checked++;
                                if (a.status() != 200) {
                                    failures.add(ref + " (" + statuses.getString(1) + ") -> " + a.status());
                                }
                            }
                        }
                    }
                }
            }
        }
        long fionasTasks = new StewardClient(base, "fiona").getJson("/api/tasks").path("total").asLong();
        out.printf("Check: %d reads of sample requests of every status, %d not 200%s; fiona's GET /api/tasks "
                + "total %,d (%s)%n", checked, failures.size(), failures.isEmpty() ? "" : ": " + failures,
                fionasTasks, fionasTasks >= 2_000 ? "at least 2,000" : "FEWER THAN 2,000");
    }

    /** The requests to read: alex's, at random, and the copies with the longest histories among them. */
    private static List<String> alexsReferences(Connection db, VolumeGenerator.Generated generated)
            throws Exception {
        List<String> references = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT reference FROM data_request WHERE requester = 'alex' ORDER BY RAND() LIMIT 400")) {
            while (rs.next()) {
                references.add(rs.getString(1));
            }
        }
        List<String> longest = generated.referencesByScenario().getOrDefault(
                "long history: three rounds of changes", List.of());
        references.addAll(longest.subList(0, Math.min(100, longest.size())));
        return references;
    }

    /** The machine's load, read beside each figure: the machine is shared. */
    static String load() {
        try {
            return "load average: " + Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "load average: unknown";
        }
    }

    /** Connector/J sends a batch as one multi-row INSERT only when asked. */
    private static String withBatching(String jdbcUrl) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    /**
     * For a run by hand against a Steward already started (demo data on, profile mysql, on an empty database):
     * {@code java -cp benchmarks.jar org.steward.benchmarks.volume.ReadsAtVolume http://127.0.0.1:18180
     * jdbc:mysql://127.0.0.1:3306/steward_volume root "" [quick]}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ReadsAtVolume <steward base URL> <jdbc URL> <db user> <db password> [quick] "
                    + "[reads: measure a database generated before]");
            System.exit(2);
        }
        List<String> options = List.of(args).subList(4, args.length);
        run(URI.create(args[0]), args[1], args[2], args[3], options.contains("quick"), !options.contains("reads"),
                System.out);
    }
}
