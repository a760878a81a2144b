package org.steward.workflow.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts tables of the current MySQL/MariaDB database that are not utf8mb4 (the database's default may be latin1 or
 * utf8mb3, and the engine creates its tables as utf8mb3) to utf8mb4 with binary collation, so that any text a person
 * types, emoji and right-to-left scripts included, is stored as typed. Idempotent: tables already utf8mb4 are left as
 * they are, so a start after the first converts nothing. Does nothing on any other database (H2 stores Unicode).
 */
final class Utf8mb4Tables {

    private static final Logger log = LoggerFactory.getLogger(Utf8mb4Tables.class);

    /** Tables of the current database with a table default or a column that is not utf8mb4, and their row format. */
    private static final String NOT_UTF8MB4 = """
            SELECT t.TABLE_NAME, t.ROW_FORMAT FROM information_schema.TABLES t
            WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND (
              t.TABLE_COLLATION NOT LIKE 'utf8mb4%'
              OR EXISTS (SELECT 1 FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA
                AND c.TABLE_NAME = t.TABLE_NAME AND c.CHARACTER_SET_NAME IS NOT NULL
                AND c.CHARACTER_SET_NAME <> 'utf8mb4'))
            ORDER BY t.TABLE_NAME""";

    private Utf8mb4Tables() {
    }

    /**
     * Converts the tables whose names {@code owned} accepts; answers the names converted. {@code owner} names them in
     * the log line written when anything was converted.
     */
    static List<String> convert(Connection connection, Predicate<String> owned, String owner) throws SQLException {
        if (!isMysql(connection)) {
            return List.of();
        }
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement query = connection.createStatement(); ResultSet found = query.executeQuery(NOT_UTF8MB4)) {
            while (found.next()) {
                if (owned.test(found.getString(1))) {
                    tables.put(found.getString(1), found.getString(2));
                }
            }
        }
        if (tables.isEmpty()) {
            return List.of();
        }
        List<String> converted = new ArrayList<>();
        List<ForeignKey> keys = foreignKeys(connection).stream()
                .filter(k -> tables.containsKey(k.table()) || tables.containsKey(k.referenced())).toList();
        try (Statement alter = connection.createStatement()) {
            // A column of a foreign key cannot change its character set while the key stands, even with checks off
            // (MariaDB): the keys on these tables are dropped, the tables converted, and the keys made again as they
            // were. Checks stay off meanwhile, and on again before the connection goes back to the pool.
            alter.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (ForeignKey key : keys) {
                    log.debug("Dropping the foreign key {} for the conversion, to make again after it: {}",
                            key.name(), key.definition());
                    alter.execute("ALTER TABLE " + quote(key.table()) + " DROP FOREIGN KEY " + quote(key.name()));
                }
                for (Map.Entry<String, String> table : tables.entrySet()) {
                    // An index over utf8mb4 text needs up to 4 bytes a character: the COMPACT and REDUNDANT row formats
                    // cap index keys at 767 bytes, DYNAMIC at 3072, which every index of ours and the engine's fits.
                    String rowFormat = table.getValue() == null ? "" : table.getValue().toUpperCase(Locale.ROOT);
                    boolean smallKeys = rowFormat.equals("COMPACT") || rowFormat.equals("REDUNDANT");
                    alter.execute("ALTER TABLE " + quote(table.getKey()) + " "
                            + (smallKeys ? "ROW_FORMAT=DYNAMIC, " : "")
                            + "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                    converted.add(table.getKey());
                }
            } finally {
                try {
                    for (ForeignKey key : keys) {
                        alter.execute("ALTER TABLE " + quote(key.table()) + " ADD " + key.definition());
                    }
                } finally {
                    alter.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        }
        log.info("Converted {} of {}'s tables to utf8mb4, so that any text (emoji, right-to-left scripts) is kept as "
                + "typed ({} foreign keys dropped and made again): {}", converted.size(), owner, keys.size(),
                String.join(", ", converted));
        return converted;
    }

    /** A foreign key of the current database, with what makes it again. */
    private record ForeignKey(String table, String name, String referenced, String definition) {
    }

    private static List<ForeignKey> foreignKeys(Connection connection) throws SQLException {
        Map<String, String[]> found = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> targets = new LinkedHashMap<>();
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery("""
                SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,
                       k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
                FROM information_schema.KEY_COLUMN_USAGE k
                JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
                  AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
                WHERE k.CONSTRAINT_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
                ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION""")) {
            while (rows.next()) {
                String id = rows.getString(1) + "." + rows.getString(2);
                found.putIfAbsent(id, new String[] {rows.getString(1), rows.getString(2), rows.getString(4),
                    rows.getString(6), rows.getString(7)});
                columns.computeIfAbsent(id, k -> new ArrayList<>()).add(quote(rows.getString(3)));
                targets.computeIfAbsent(id, k -> new ArrayList<>()).add(quote(rows.getString(5)));
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        found.forEach((id, key) -> keys.add(new ForeignKey(key[0], key[1], key[2], "CONSTRAINT " + quote(key[1])
                + " FOREIGN KEY (" + String.join(", ", columns.get(id)) + ") REFERENCES " + quote(key[2]) + " ("
                + String.join(", ", targets.get(id)) + ") ON DELETE " + key[4] + " ON UPDATE " + key[3])));
        return keys;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static boolean isMysql(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mysql") || product.contains("mariadb");
    }

    /** Whether a table is one of the engine's (ACT_RU_TASK …), in any case. */
    static boolean isEngineTable(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith("ACT_");
    }
}
