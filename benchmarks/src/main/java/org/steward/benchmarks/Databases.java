package org.steward.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database server: fresh databases for each part, and its version for the report. */
final class Databases {

    private final Options options;

    Databases(Options options) {
        this.options = options;
    }

    /**
     * Drops the database if it is there. Steward creates it again (its URL says createDatabaseIfNotExist), as it
     * would on an operator's empty server, so the first start-up includes whatever that costs.
     */
    void drop(String database) throws SQLException {
        try (Connection connection = server(); Statement sql = connection.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** Drops the database if it is there and creates it empty, in utf8mb4 (for the bare engine). */
    void recreate(String database) throws SQLException {
        drop(database);
        try (Connection connection = server(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    String version() {
        try (Connection connection = server(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT VERSION()")) {
            row.next();
            return row.getString(1);
        } catch (SQLException unreachable) {
            return "unreachable: " + unreachable.getMessage();
        }
    }

    /** A connection to one database, with the properties Steward's mysql profile sets. */
    Connection open(String database) throws SQLException {
        Connection connection = DriverManager.getConnection(options.dbServer() + database
                + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true", options.dbUser(), options.dbPassword());
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return connection;
    }

    private Connection server() throws SQLException {
        return DriverManager.getConnection(options.dbServer(), options.dbUser(), options.dbPassword());
    }
}
