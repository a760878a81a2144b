package org.steward.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of the benchmark, with the defaults docs/benchmarks.md describes. */
record Options(boolean quick, Set<String> only, String dbServer, String dbUser, String dbPassword, Path jar,
        String javaOpts) {

    static final List<String> PARTS = List.of("startup", "lifecycles", "email", "reads");
    static final String DEFAULT_JAVA_OPTS =
            "-Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -Xss512k "
            + "-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000";

    static Options parse(String[] args) {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(PARTS);
        String dbServer = "jdbc:mysql://127.0.0.1:3306/";
        String dbUser = "root";
        String dbPassword = "";
        Path jar = Path.of("request-portal/target/request-portal.jar");
        String fromEnvironment = System.getenv("STEWARD_JAVA_OPTS");
        String javaOpts = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_JAVA_OPTS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    only = new LinkedHashSet<>();
                    for (String part : value(args, ++i, arg).split(",")) {
                        if (!PARTS.contains(part.trim())) {
                            throw new IllegalArgumentException("--only takes " + String.join(",", PARTS)
                                    + "; not " + part);
                        }
                        only.add(part.trim());
                    }
                }
                case "--db-server" -> dbServer = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--db-password" -> dbPassword = value(args, ++i, arg);
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--java-opts" -> javaOpts = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option " + arg + ". Usage: java -jar "
                        + "benchmarks/target/benchmarks.jar [--quick] [--only startup,lifecycles,email,reads] "
                        + "[--db-server jdbc:mysql://127.0.0.1:3306/] [--db-user root] [--db-password ''] "
                        + "[--jar request-portal/target/request-portal.jar] [--java-opts '...']");
            }
        }
        if (!dbServer.endsWith("/")) {
            dbServer = dbServer + "/";
        }
        return new Options(quick, only, dbServer, dbUser, dbPassword, jar, javaOpts);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    boolean runs(String part) {
        return only.contains(part);
    }

    /** How long each timed lifecycle pass runs. */
    Duration passLength() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(40);
    }

    /** The untimed warm-up before the first pass of each side. */
    Duration warmUp() {
        return quick ? Duration.ofSeconds(5) : Duration.ofSeconds(15);
    }

    /** The URL of a database on the server, with what Steward's mysql profile would add to an operator's URL. */
    String databaseUrl(String database) {
        return dbServer + database + "?createDatabaseIfNotExist=true";
    }
}
