package org.steward.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Under the mariadb Maven profile, drops and creates the test database once before any test runs, so every run
 * starts from an empty schema. An unreachable server fails the run; it is never skipped.
 */
public class RecreateTestDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String database = System.getProperty("steward.test.recreate-database");
        if (database == null || database.isBlank()) {
            return;
        }
        String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
        String user = System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            // The shared test context's database, and an empty one for FirstRunTest.
            for (String name : new String[] {database, database + "_first"}) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The MariaDB/MySQL test database cannot be prepared at " + server
                    + " as " + user + ": " + unreachable.getMessage()
                    + ". Start the server (see the README) or set STEWARD_TEST_DB_SERVER.", unreachable);
        }
    }
}
