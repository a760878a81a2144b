package org.steward.benchmarks.volume;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Copies a request that was played for real, with every row it left in Steward's tables and in the engine's
 * history and runtime tables, under a new reference, new engine ids and new Steward ids, its times moved back by up
 * to eleven months. The copies are the rows the application itself wrote, so the engine and the pages read them as
 * their own: nothing is invented but the identifiers and the dates.
 */
final class RequestCloner {

    /** Steward's tables with an AUTO_INCREMENT {@code id}; the copies get ids from a range reserved up front. */
    static final List<String> ID_TABLES = List.of("data_request", "requested_dataset", "request_participant",
            "decision", "request_comment", "audit_event", "data_sharing_agreement", "agreement_party",
            "agreement_signature");
    /** Columns that point at another Steward table's id. */
    private static final Map<String, String> FOREIGN_KEYS = Map.of(
            "requested_dataset.request_id", "data_request",
            "request_participant.request_id", "data_request",
            "requested_element.requested_dataset_id", "requested_dataset",
            "agreement_party.agreement_id", "data_sharing_agreement",
            "agreement_signature.agreement_id", "data_sharing_agreement");
    /** Links sent by email for a task long completed: the copies have none. */
    private static final Set<String> CLEARED = Set.of("decision.action_link_id", "decision.signing_link_id");
    /** References, agreement numbers, SHA-256s and engine ids: what must differ between copies. */
    private static final Pattern TOKEN = Pattern.compile("DR-\\d{4}-\\d+|DSA-\\d{4}-\\d+|\\b[0-9a-f]{64}\\b"
            + "|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The oldest copy is this much older than its template: eleven months, so every copy stays in this year. */
    static final long MAX_SHIFT_SECONDS = 330L * 24 * 3600;

    /** A value of a copied row: the same in every copy, or made anew for each. */
    sealed interface Cell permits Same, Text, Moved, NewId, Ref {
    }

    record Same(Object value) implements Cell {
    }

    /** A string with tokens in it: literal parts and indexes into the copy's new tokens. */
    record Text(Object[] parts) implements Cell {
    }

    /** A time, moved back by the copy's shift. */
    record Moved(LocalDateTime time) implements Cell {
    }

    /** The row's own Steward id: the copy's base for the table plus the row's position. */
    record NewId(String table, int position) implements Cell {
    }

    /** A Steward id of a row in another table of the same copy. */
    record Ref(String table, int position) implements Cell {
    }

    /** One table's rows of a template. */
    record TableRows(String table, List<String> columns, List<Cell[]> rows) {
    }

    /** What one token of the template becomes in a copy. */
    enum Kind { REFERENCE, AGREEMENT, SHA, ENGINE_ID }

    /** A template: its rows, its tokens, and which agreement text each SHA-256 is the hash of. */
    record Template(Scenario scenario, String reference, List<TableRows> tables, List<Kind> tokens,
            List<String> originals, Map<Integer, Cell> shaTexts, Map<String, Integer> rowsPerIdTable) {
    }

    private final Set<String> definitionIds;
    /**
     * New engine ids are UUID-shaped like the engine's own, but ascending (a prefix of this run, then a counter):
     * each copy's rows then land at the end of every primary key and process-instance index instead of at random
     * pages, which is what makes millions of rows writable in minutes on a small buffer pool.
     */
    private final String idPrefix = String.format("%08x-", ThreadLocalRandom.current().nextInt() & 0x7fffffff);
    private final AtomicLong idCounter = new AtomicLong();

    RequestCloner(Connection db) throws SQLException {
        this.definitionIds = definitionIds(db);
    }

    /** Reads every row the request left behind and turns it into cells. */
    Template load(Connection db, Scenario scenario, String reference) throws SQLException {
        Map<String, Integer> tokenIndex = new HashMap<>();
        List<Kind> tokens = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        List<TableRows> tables = new ArrayList<>();
        Map<String, Map<Long, Integer>> positions = new HashMap<>();

        long requestId = single(db, "SELECT id FROM data_request WHERE reference = ?", reference);
        String processInstance = processInstance(db, requestId);
        Map<String, String> stewardQueries = new LinkedHashMap<>();
        stewardQueries.put("data_request", "SELECT * FROM data_request WHERE id = " + requestId);
        stewardQueries.put("requested_dataset", "SELECT * FROM requested_dataset WHERE request_id = " + requestId);
        stewardQueries.put("requested_element", "SELECT e.* FROM requested_element e JOIN requested_dataset d "
                + "ON d.id = e.requested_dataset_id WHERE d.request_id = " + requestId);
        stewardQueries.put("request_participant", "SELECT * FROM request_participant WHERE request_id = " + requestId);
        String byReference = " WHERE request_reference = '" + reference + "'";
        stewardQueries.put("decision", "SELECT * FROM decision" + byReference + " ORDER BY id");
        stewardQueries.put("request_comment", "SELECT * FROM request_comment" + byReference);
        stewardQueries.put("audit_event", "SELECT * FROM audit_event" + byReference + " ORDER BY id");
        stewardQueries.put("data_sharing_agreement", "SELECT * FROM data_sharing_agreement" + byReference);
        stewardQueries.put("agreement_party", "SELECT p.* FROM agreement_party p JOIN data_sharing_agreement a "
                + "ON a.id = p.agreement_id" + byReference.replace("request_reference", "a.request_reference"));
        stewardQueries.put("agreement_signature", "SELECT s.* FROM agreement_signature s JOIN "
                + "data_sharing_agreement a ON a.id = s.agreement_id"
                + byReference.replace("request_reference", "a.request_reference"));

        // Steward's ids first, so that references between its tables can be resolved to positions.
        Map<String, List<Map<String, Object>>> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : stewardQueries.entrySet()) {
            List<Map<String, Object>> rows = rows(db, query.getValue());
            raw.put(query.getKey(), rows);
            if (ID_TABLES.contains(query.getKey())) {
                Map<Long, Integer> byId = new HashMap<>();
                for (Map<String, Object> row : rows) {
                    byId.put(((Number) row.get("id")).longValue(), byId.size());
                }
                positions.put(query.getKey(), byId);
            }
        }
        for (Map.Entry<String, String> engine : engineQueries(db, processInstance).entrySet()) {
            raw.put(engine.getKey(), rows(db, engine.getValue()));
        }
        raw.put("ACT_GE_BYTEARRAY", byteArrays(db, raw, processInstance));

        Map<Integer, Cell> shaTexts = new HashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> table : raw.entrySet()) {
            if (table.getValue().isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>(table.getValue().get(0).keySet());
            List<Cell[]> cells = new ArrayList<>();
            for (Map<String, Object> row : table.getValue()) {
                Cell[] out = new Cell[columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    out[c] = cell(table.getKey(), columns.get(c), row.get(columns.get(c)), positions, tokenIndex,
                            tokens, originals);
                }
                if (table.getKey().equals("data_sharing_agreement")) {
                    int sha = tokenIndex.get((String) row.get("sha256"));
                    shaTexts.put(sha, out[columns.indexOf("document_text")]);
                }
                cells.add(out);
            }
            tables.add(new TableRows(table.getKey(), columns, cells));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String table : ID_TABLES) {
            counts.put(table, positions.get(table).size());
        }
        return new Template(scenario, reference, tables, tokens, originals, shaTexts, counts);
    }

    /** Turns one value into a cell: tokens made anew, times moved, Steward ids renumbered. */
    private Cell cell(String table, String column, Object value, Map<String, Map<Long, Integer>> positions,
            Map<String, Integer> tokenIndex, List<Kind> tokens, List<String> originals) {
        String qualified = table + "." + column;
        if (value == null || CLEARED.contains(qualified)) {
            return new Same(null);
        }
        if (column.equals("id") && ID_TABLES.contains(table)) {
            return new NewId(table, positions.get(table).get(((Number) value).longValue()));
        }
        if (FOREIGN_KEYS.containsKey(qualified)) {
            String parent = FOREIGN_KEYS.get(qualified);
            return new Ref(parent, positions.get(parent).get(((Number) value).longValue()));
        }
        if (value instanceof Timestamp timestamp) {
            value = timestamp.toLocalDateTime();
        }
        if (value instanceof LocalDateTime time) {
            // Runtime rows (timers of agreements in force) keep their dates: moved back they would fall due now.
            // The removal time decides when history cleanup deletes a row: moved back it would delete the copies.
            boolean keep = table.startsWith("ACT_RU_") || column.equals("REMOVAL_TIME_");
            return keep ? new Same(time) : new Moved(time);
        }
        if (!(value instanceof String text)) {
            return new Same(value);
        }
        Matcher m = TOKEN.matcher(text);
        List<Object> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            String token = m.group();
            Kind kind = token.startsWith("DR-") ? Kind.REFERENCE : token.startsWith("DSA-") ? Kind.AGREEMENT
                    : token.length() == 64 ? Kind.SHA : Kind.ENGINE_ID;
            if (kind == Kind.ENGINE_ID && definitionIds.contains(token)) {
                continue;
            }
            Integer index = tokenIndex.get(token);
            if (index == null) {
                index = tokens.size();
                tokenIndex.put(token, index);
                tokens.add(kind);
                originals.add(token);
            }
            parts.add(text.substring(last, m.start()));
            parts.add(index);
            last = m.end();
        }
        if (parts.isEmpty()) {
            return new Same(text);
        }
        parts.add(text.substring(last));
        return new Text(parts.toArray());
    }

    /** Ranges of references, agreement numbers and Steward ids for {@code copies} copies of every template. */
    record Reservation(AtomicLong nextReference, AtomicLong nextAgreement, int year, Map<String, AtomicLong> nextIds) {
    }

    /**
     * Reserves what the copies will use, so that Steward, running meanwhile, never hands out the same: the
     * reference counters move past the copies' numbers, and each id table's AUTO_INCREMENT past their ids.
     */
    static Reservation reserve(Connection db, Map<Template, Integer> copies) throws SQLException {
        int year = ZonedDateTime.now().getYear();
        long requests = copies.values().stream().mapToLong(Integer::longValue).sum();
        long agreements = copies.entrySet().stream()
                .filter(e -> e.getKey().tokens().contains(Kind.AGREEMENT)).mapToLong(Map.Entry::getValue).sum();
        Map<String, AtomicLong> ids = new HashMap<>();
        db.setAutoCommit(false);
        long firstReference = counter(db, "DR", year, requests);
        long firstAgreement = counter(db, "DSA", year, agreements);
        db.commit();
        db.setAutoCommit(true);
        for (String table : ID_TABLES) {
            long rows = 0;
            for (Map.Entry<Template, Integer> e : copies.entrySet()) {
                rows += (long) e.getKey().rowsPerIdTable().get(table) * e.getValue();
            }
            long start = single(db, "SELECT COALESCE(MAX(id), 0) + 1000 FROM " + table);
            try (Statement s = db.createStatement()) {
                s.execute("ALTER TABLE " + table + " AUTO_INCREMENT = " + (start + rows + 1000));
            }
            ids.put(table, new AtomicLong(start));
        }
        return new Reservation(new AtomicLong(firstReference), new AtomicLong(firstAgreement), year, ids);
    }

    private static long counter(Connection db, String prefix, int year, long count) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT IGNORE INTO reference_counter (prefix, year_value, last_value) VALUES ('"
                    + prefix + "', " + year + ", 0)");
        }
        long last = single(db, "SELECT last_value FROM reference_counter WHERE prefix = '" + prefix
                + "' AND year_value = " + year + " FOR UPDATE");
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE reference_counter SET last_value = " + (last + count) + " WHERE prefix = '"
                    + prefix + "' AND year_value = " + year);
        }
        return last + 1;
    }

    /**
     * Writes {@code count} copies of the template in batches on one connection; answers the new references. Their
     * times are moved back by {@code fromSeconds} for the first down to {@code toSeconds} for the last (and up to an
     * hour at random), so that copies written later are newer, as they would be in a real database.
     */
    List<String> copy(Connection db, Template template, int count, Reservation reservation, long fromSeconds,
            long toSeconds) throws Exception {
        Map<String, PreparedStatement> inserts = new LinkedHashMap<>();
        for (TableRows t : template.tables()) {
            String columns = t.columns().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
            String marks = t.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
            inserts.put(t.table(), db.prepareStatement("INSERT INTO " + t.table() + " (" + columns + ") VALUES ("
                    + marks + ")"));
        }
        List<String> references = new ArrayList<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        db.setAutoCommit(false);
        for (int i = 0; i < count; i++) {
            String[] values = new String[template.tokens().size()];
            String reference = String.format("DR-%d-%04d", reservation.year(),
                    reservation.nextReference().getAndIncrement());
            references.add(reference);
            String agreement = template.tokens().contains(Kind.AGREEMENT) ? String.format("DSA-%d-%04d",
                    reservation.year(), reservation.nextAgreement().getAndIncrement()) : null;
            for (int t = 0; t < values.length; t++) {
                values[t] = switch (template.tokens().get(t)) {
                    case REFERENCE -> reference;
                    case AGREEMENT -> agreement;
                    case ENGINE_ID -> newEngineId();
                    // A hash of something not copied (the PDF) stays as it was; agreement texts' hashes follow.
                    case SHA -> template.originals().get(t);
                };
            }
            // Each agreement version's text names the new reference and number: its hash is that text's.
            for (Map.Entry<Integer, Cell> text : template.shaTexts().entrySet()) {
                String document = (String) value(text.getValue(), values, null, 0);
                values[text.getKey()] = HexFormat.of().formatHex(sha.digest(document.getBytes(StandardCharsets.UTF_8)));
            }
            Map<String, Long> bases = new HashMap<>();
            for (String table : ID_TABLES) {
                bases.put(table, reservation.nextIds().get(table).getAndAdd(template.rowsPerIdTable().get(table)));
            }
            long shift = fromSeconds - (fromSeconds - toSeconds) * i / Math.max(1, count)
                    + ThreadLocalRandom.current().nextLong(3600);
            for (TableRows t : template.tables()) {
                PreparedStatement insert = inserts.get(t.table());
                for (Cell[] row : t.rows()) {
                    for (int c = 0; c < row.length; c++) {
                        Object v = value(row[c], values, bases, shift);
                        if (v == null) {
                            insert.setNull(c + 1, Types.NULL);
                        } else {
                            insert.setObject(c + 1, v);
                        }
                    }
                    insert.addBatch();
                }
            }
            if (i % 50 == 49 || i == count - 1) {
                for (PreparedStatement insert : inserts.values()) {
                    insert.executeBatch();
                }
                db.commit();
            }
        }
        for (PreparedStatement insert : inserts.values()) {
            insert.close();
        }
        db.setAutoCommit(true);
        return references;
    }

    private String newEngineId() {
        long n = idCounter.incrementAndGet();
        return idPrefix + String.format("0000-4000-8000-%012x", n);
    }

    private static Object value(Cell cell, String[] values, Map<String, Long> bases, long shift) {
        if (cell instanceof Same same) {
            return same.value();
        }
        if (cell instanceof Moved moved) {
            return moved.time().minusSeconds(shift);
        }
        if (cell instanceof NewId id) {
            return bases.get(id.table()) + id.position();
        }
        if (cell instanceof Ref ref) {
            return bases.get(ref.table()) + ref.position();
        }
        StringBuilder out = new StringBuilder();
        for (Object part : ((Text) cell).parts()) {
            out.append(part instanceof Integer index ? values[index] : (String) part);
        }
        return out.toString();
    }

    /** Every engine table with a process-instance column, queried for the template's process instance. */
    private static Map<String, String> engineQueries(Connection db, String processInstance) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND (TABLE_NAME LIKE 'ACT\\_HI\\_%' "
                + "OR TABLE_NAME LIKE 'ACT\\_RU\\_%') AND COLUMN_NAME IN ('PROC_INST_ID_', 'PROCESS_INSTANCE_ID_', "
                + "'ROOT_PROC_INST_ID_') ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, String> queries = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            queries.put(table.getKey(), "SELECT * FROM " + table.getKey() + " WHERE " + table.getValue().stream()
                    .map(c -> c + " = '" + processInstance + "'").collect(Collectors.joining(" OR ")));
        }
        return queries;
    }

    /** Byte arrays of the template's variables, details and job logs (each row names the ones it uses). */
    private static List<Map<String, Object>> byteArrays(Connection db, Map<String, List<Map<String, Object>>> raw,
            String processInstance) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<String, List<Map<String, Object>>> table : raw.entrySet()) {
            if (!table.getKey().startsWith("ACT_")) {
                continue;
            }
            for (Map<String, Object> row : table.getValue()) {
                for (Map.Entry<String, Object> col : row.entrySet()) {
                    if ((col.getKey().endsWith("BYTEARRAY_ID_") || col.getKey().endsWith("STACK_ID_")
                            || col.getKey().equals("BYTE_ARRAY_ID_")) && col.getValue() != null) {
                        ids.add((String) col.getValue());
                    }
                }
            }
        }
        String in = ids.isEmpty() ? "" : " OR ID_ IN (" + ids.stream().map(i -> "'" + i + "'")
                .collect(Collectors.joining(", ")) + ")";
        return rows(db, "SELECT * FROM ACT_GE_BYTEARRAY WHERE ROOT_PROC_INST_ID_ = '" + processInstance + "'" + in);
    }

    /** Ids of what all requests share (process and decision definitions, deployments, job definitions). */
    private static Set<String> definitionIds(Connection db) throws SQLException {
        Set<String> ids = new java.util.HashSet<>();
        for (String query : List.of("SELECT ID_, DEPLOYMENT_ID_ FROM ACT_RE_PROCDEF",
                "SELECT ID_, DEPLOYMENT_ID_ FROM ACT_RE_DECISION_DEF", "SELECT ID_, DEPLOYMENT_ID_ FROM ACT_RE_DECISION_REQ_DEF",
                "SELECT ID_, ID_ FROM ACT_RE_DEPLOYMENT", "SELECT ID_, PROC_DEF_ID_ FROM ACT_RU_JOBDEF")) {
            try (ResultSet rs = db.createStatement().executeQuery(query)) {
                while (rs.next()) {
                    for (int c = 1; c <= 2; c++) {
                        String v = rs.getString(c);
                        if (v != null) {
                            Matcher m = TOKEN.matcher(v);
                            while (m.find()) {
                                ids.add(m.group());
                            }
                        }
                    }
                }
            }
        }
        return ids;
    }

    static List<Map<String, Object>> rows(Connection db, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object v = rs.getObject(c);
                    row.put(meta.getColumnLabel(c), v instanceof java.sql.Date d ? d.toLocalDate() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String processInstance(Connection db, long requestId) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(
                "SELECT process_instance_id FROM data_request WHERE id = " + requestId)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long single(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No row: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

}
