package org.steward.benchmarks.volume;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures the SQL Steward runs for each read endpoint (the server's general log, into its table, for a few calls of
 * one endpoint at a time), then EXPLAINs every distinct SELECT with the literals it was run with, and flags the
 * plans that scan: type ALL or index over a table of more than 1,000 rows, or a filesort over more than 1,000.
 */
final class HotPathExplain {

    /** One row of one plan, with what makes it suspect. */
    record PlanRow(String table, String realTable, String type, String key, long rows, String extra, long tableRows,
            String flag) {
    }

    /** A distinct statement, the endpoint it came from, how often one pass ran it, and its plan. */
    record Query(String endpoint, String normalised, String example, int times, List<PlanRow> plan) {
    }

    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Pattern LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:from|join)\\s+`?(\\w+)`?(?:\\s+(?:as\\s+)?(?!where|on|inner|left|join|order|group|limit"
                    + "|union|cross|right|natural|straight_join)(\\w+))?");
    private static final long BIG = 1_000;
    private static final Pattern SELECT_LIST = Pattern.compile("(?is)^(select(?:\\s+distinct)?)\\s.+?\\s(from)\\s");

    private final Connection db;
    private final String schema;

    HotPathExplain(Connection db) throws SQLException {
        this.db = db;
        this.schema = db.getCatalog();
    }

    /** Runs {@code pass} with the general log on and answers the SELECTs Steward's connections sent meanwhile. */
    List<String> capture(Pass pass) throws Exception {
        String output;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT @@global.log_output")) {
            rs.next();
            output = rs.getString(1);
        }
        try (Statement s = db.createStatement()) {
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("TRUNCATE TABLE mysql.general_log");
            s.execute("SET GLOBAL general_log = 1");
        }
        try {
            pass.run();
        } finally {
            try (Statement s = db.createStatement()) {
                s.execute("SET GLOBAL general_log = 0");
                s.execute("SET GLOBAL log_output = '" + output + "'");
            }
        }
        List<String> statements = new ArrayList<>();
        // The benchmark database's connections, this one aside: Steward's pool keeps its connections open.
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type IN ('Query', "
                        + "'Execute') AND thread_id IN (SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '"
                        + schema + "' AND ID <> CONNECTION_ID()) ORDER BY event_time")) {
            while (rs.next()) {
                String sql = rs.getString(1).strip();
                if (sql.regionMatches(true, 0, "select", 0, 6) && !sql.startsWith("SELECT @@")
                        && !sql.equalsIgnoreCase("select 1")) {
                    statements.add(sql);
                }
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("TRUNCATE TABLE mysql.general_log");
        }
        return statements;
    }

    /** A few calls of one endpoint. */
    interface Pass {
        void run() throws Exception;
    }

    /** Groups the statements by their shape and EXPLAINs one example of each. */
    List<Query> explain(String endpoint, List<String> statements) throws SQLException {
        Map<String, List<String>> byShape = new LinkedHashMap<>();
        for (String sql : statements) {
            byShape.computeIfAbsent(normalise(sql), k -> new ArrayList<>()).add(sql);
        }
        Map<String, Long> sizes = tableSizes();
        List<Query> queries = new ArrayList<>();
        for (Map.Entry<String, List<String>> shape : byShape.entrySet()) {
            String example = shape.getValue().get(0);
            Map<String, String> aliases = aliases(example);
            List<PlanRow> plan = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + example)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    String table = rs.getString("table");
                    String type = rs.getString("type");
                    long rows = rs.getLong("rows");
                    String extra = meta.getColumnCount() >= 10 ? rs.getString("Extra") : "";
                    String real = table == null ? null : aliases.getOrDefault(table.toLowerCase(Locale.ROOT), table);
                    long size = real == null ? 0 : sizes.getOrDefault(real.toLowerCase(Locale.ROOT), 0L);
                    String flag = "";
                    if (("ALL".equals(type) || "index".equals(type)) && size > BIG) {
                        flag = "SCAN (" + type + ")";
                    } else if (extra != null && extra.contains("filesort") && rows > BIG) {
                        flag = "FILESORT";
                    }
                    plan.add(new PlanRow(table, real, type, rs.getString("key"), rows, extra == null ? "" : extra,
                            size, flag));
                }
            } catch (SQLException e) {
                plan.add(new PlanRow("-", "-", "EXPLAIN failed: " + e.getMessage(), null, 0, "", 0, ""));
            }
            queries.add(new Query(endpoint, shape.getKey(), example, shape.getValue().size(), plan));
        }
        return queries;
    }

    static String normalise(String sql) {
        String s = STRING.matcher(sql).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        s = LIST.matcher(s).replaceAll("(...)");
        return s.replaceAll("\\s+", " ").strip();
    }

    private static Map<String, String> aliases(String sql) {
        Map<String, String> aliases = new HashMap<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            aliases.put(m.group(1).toLowerCase(Locale.ROOT), m.group(1));
            if (m.group(2) != null) {
                aliases.put(m.group(2).toLowerCase(Locale.ROOT), m.group(1));
            }
        }
        return aliases;
    }

    private Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_ROWS FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                sizes.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        return sizes;
    }

    /** Writes every plan to a Markdown file and prints the flagged rows. */
    static void report(List<Query> queries, Path file, PrintStream out) throws Exception {
        StringBuilder md = new StringBuilder("# EXPLAIN of the SQL behind the read endpoints\n\n"
                + "Captured from MariaDB's general log during a few calls of each endpoint, on the generated volume. "
                + "Flags: SCAN = type ALL or index over a table of more than 1,000 rows; FILESORT = a filesort over "
                + "more than 1,000 rows. `times` = how often the captured calls ran the statement.\n\n");
        String endpoint = null;
        for (Query q : queries) {
            if (!q.endpoint().equals(endpoint)) {
                endpoint = q.endpoint();
                md.append("## ").append(endpoint).append("\n\n");
            }
            md.append("### ").append(q.times()).append(" × `").append(shorten(brief(q.normalised()), 300)).append("`\n\n")
                    .append("```sql\n").append(q.example()).append("\n```\n\n")
                    .append("| table | real table | table rows | type | key | rows | Extra | flag |\n")
                    .append("|---|---|---:|---|---|---:|---|---|\n");
            for (PlanRow r : q.plan()) {
                md.append("| ").append(r.table()).append(" | ").append(r.realTable()).append(" | ")
                        .append(r.tableRows()).append(" | ").append(r.type()).append(" | ").append(r.key())
                        .append(" | ").append(r.rows()).append(" | ").append(r.extra()).append(" | ")
                        .append(r.flag().isEmpty() ? "" : "**" + r.flag() + "**").append(" |\n");
            }
            md.append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md);
        out.println("EXPLAIN: " + queries.size() + " distinct statements, every plan in " + file);
        out.printf("  %-34s %-90s %-20s %-6s %-26s %9s  %s%n", "endpoint", "query", "table", "type", "key", "rows",
                "flag");
        for (Query q : queries) {
            for (PlanRow r : q.plan()) {
                if (!r.flag().isEmpty()) {
                    out.printf("  %-34s %-90s %-20s %-6s %-26s %9d  %s%n", shorten(q.endpoint(), 34),
                            shorten(brief(q.normalised()), 90), r.realTable(), r.type(), r.key(), r.rows(), r.flag());
                }
            }
        }
    }

    /** A statement without its column list, which says little and hides the FROM and WHERE. */
    static String brief(String sql) {
        return SELECT_LIST.matcher(sql).replaceFirst("$1 … $2 ");
    }

    static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
