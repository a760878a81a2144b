package org.steward.portal.signin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The database of a Steward node with the city sign-in, as environment variables: an H2 in memory of its own, or under
 * the mariadb profile an empty MariaDB database of its own, with the demo city's departments and groups allowed there.
 */
public final class CityNodeDatabase {

    private CityNodeDatabase() {
    }

    /** @param name a name for the database, unique to the test class */
    public static Map<String, String> environment(String name) throws SQLException {
        Map<String, String> environment = new HashMap<>();
        if (!System.getProperty("spring.profiles.active", "").contains("mysql")) {
            environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            return environment;
        }
        String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
        String user = System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", "");
        String database = System.getProperty("steward.test.recreate-database") + "_" + name.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        environment.put("SPRING_PROFILES_ACTIVE", "mysql");
        environment.put("SPRING_DATASOURCE_URL", server + database);
        environment.put("SPRING_DATASOURCE_USERNAME", user);
        environment.put("SPRING_DATASOURCE_PASSWORD", password);
        environment.put("STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE", "true");
        return environment;
    }
}
