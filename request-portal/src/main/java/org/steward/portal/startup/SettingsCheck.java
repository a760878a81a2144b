package org.steward.portal.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The settings a node cannot work without, checked before anything starts: the database's address, the mail server's
 * name, and the address people reach Steward at. A wrong one stops the start with a {@link StartRefused} that names
 * it, rather than an error deep in the start or, worse, a node that runs and sends broken links.
 */
final class SettingsCheck {

    /** A host name (letters, digits, '-', '_' for container names, dot-separated) or an IPv4 address. */
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}"
                    + "[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    /** Lets the demo city be created on MySQL or MariaDB, for tests and demonstrations. */
    static final String ALLOW_DEMO_DATA = "steward.allow-demo-data-on-production-database";

    private final ConfigurableEnvironment environment;

    SettingsCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /** Checks every setting; answers the database to wait for. */
    DatabaseTarget check() {
        checkBaseUrl();
        checkMailServer();
        DatabaseTarget database = database();
        checkDemoData();
        return database;
    }

    /**
     * The demo city's nine people all have the password "demo": on any database but an embedded H2, where a city keeps
     * its real data, they are created only when a second setting says that the database is for a test or a
     * demonstration.
     */
    private void checkDemoData() {
        if (Boolean.parseBoolean(text("steward.demo-data")) && !Boolean.parseBoolean(text(ALLOW_DEMO_DATA))
                && !embeddedOnly()) {
            throw StartRefused.wrongSetting(environment, "steward.demo-data", "is true on a database server (MySQL, "
                    + "MariaDB, or H2 as a server), where a city keeps its real data: it would create nine demo people, "
                    + "an admin among them, whose password is \"demo\"", "Set it to false for a city's own Steward. For a test or a "
                    + "demonstration on this database, also set " + ALLOW_DEMO_DATA + " (environment variable "
                    + "STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE) to true.");
        }
    }

    /**
     * Whether every address the connection pool may use is an H2 database inside this process (in memory or a file).
     * The pool's own settings can replace spring.datasource.url, and an H2 server (tcp:, ssl:) is a server.
     */
    private boolean embeddedOnly() {
        if (!text("spring.datasource.hikari.data-source-class-name").isEmpty()
                || !text("spring.datasource.jndi-name").isEmpty()) {
            return false;
        }
        List<String> addresses = new ArrayList<>(List.of(text("spring.datasource.url"),
                text("spring.datasource.hikari.jdbc-url")));
        Binder.get(environment).bind("spring.datasource.hikari.data-source-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()).forEach((name, value) -> {
                    if (name.toLowerCase(Locale.ROOT).contains("url")) {
                        addresses.add(value == null ? "" : value.strip());
                    }
                });
        return addresses.stream().filter(address -> !address.isEmpty()).map(a -> a.toLowerCase(Locale.ROOT))
                .allMatch(address -> address.startsWith("jdbc:h2:") && !address.startsWith("jdbc:h2:tcp:")
                        && !address.startsWith("jdbc:h2:ssl:"));
    }

    /** How long to wait for the database at start-up. */
    StartupSettings startup() {
        StartupSettings settings;
        try {
            settings = Binder.get(environment).bindOrCreate("steward.startup", Bindable.of(StartupSettings.class));
        } catch (RuntimeException unreadable) {
            throw StartRefused.wrongSetting(environment, "steward.startup.database-wait", "is \""
                    + environment.getProperty("steward.startup.database-wait") + "\", which is not a length of time",
                    "Write it as a number and a unit, such as 5m, 90s or 1h.");
        }
        if (settings.databaseWait().isNegative()) {
            throw StartRefused.wrongSetting(environment, "steward.startup.database-wait", "is negative",
                    "Write it as a number and a unit, such as 5m, 90s or 1h; 0s tries the database once.");
        }
        return settings;
    }

    private void checkBaseUrl() {
        String value = text("steward.base-url");
        if (value.isEmpty()) {
            return;
        }
        String problem = null;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problem = "does not start with https:// or http://";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "names no host after " + scheme + "://";
            } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "holds more than an address (a user name, a '?' or a '#')";
            }
        } catch (URISyntaxException unreadable) {
            problem = "cannot be read as a web address (" + unreadable.getReason() + ")";
        }
        if (problem != null) {
            throw StartRefused.wrongSetting(environment, "steward.base-url", "is \"" + value + "\", which " + problem,
                    "Set it to the address people open Steward at, the one every link in an email starts with, such "
                            + "as https://data.city.example, or leave it empty to use http://localhost:<port>.");
        }
    }

    private void checkMailServer() {
        String host = text("spring.mail.host");
        if (!host.isEmpty() && !HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw StartRefused.wrongSetting(environment, "spring.mail.host", "is \"" + host
                    + "\", which is not the name or address of a mail server",
                    "Give the mail server's name or address alone, such as smtp.city.example or 10.0.0.25, and its "
                            + "port in " + StartRefused.named("spring.mail.port") + "; leave it empty for no mail "
                            + "server.");
        }
        String port = text("spring.mail.port");
        if (!port.isEmpty() && !validPort(port)) {
            throw StartRefused.wrongSetting(environment, "spring.mail.port", "is \"" + port
                    + "\", which is not a port number", "Give the mail server's port, a number from 1 to 65535, "
                            + "such as 25 or 587; leave it empty for the standard port 25.");
        }
    }

    private static boolean validPort(String port) {
        try {
            int number = Integer.parseInt(port);
            return number >= 1 && number <= 65535;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private DatabaseTarget database() {
        String url = text("spring.datasource.url");
        String example = " such as jdbc:mysql://db.city.example:3306/steward?createDatabaseIfNotExist=true for "
                + "MySQL or MariaDB.";
        if (url.isEmpty()) {
            boolean mysql = environment.matchesProfiles("mysql");
            throw StartRefused.wrongSetting(environment, "spring.datasource.url",
                    "is not set" + (mysql ? ", and the mysql profile has no database of its own to fall back on" : ""),
                    "Set it to your database's JDBC address," + example);
        }
        Driver driver = driver(url, example);
        Properties properties = new Properties();
        Map<String, String> extra = Binder.get(environment).bind("spring.datasource.hikari.data-source-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        properties.putAll(extra);
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new DatabaseTarget(url, driver, properties);
    }

    /** The driver that takes the address: the one the settings name, else the one that says it does. */
    private Driver driver(String url, String example) {
        String className = text("spring.datasource.driver-class-name");
        Driver driver;
        try {
            if (className.isEmpty()) {
                driver = DriverManager.getDriver(url);
            } else {
                driver = (Driver) ClassUtils.forName(className, getClass().getClassLoader())
                        .getDeclaredConstructor().newInstance();
            }
        } catch (SQLException noneTakesIt) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.url", "is \""
                    + DatabaseTarget.safe(url) + "\", which is not a database address Steward can use",
                    "Set it to your database's JDBC address, starting with jdbc:mysql:// (MySQL, MariaDB) or jdbc:h2: "
                            + "(the embedded database)," + example);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException missing) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.driver-class-name", "is \"" + className
                    + "\", which is not a database driver this Steward has", "Leave it unset, or set "
                            + "com.mysql.cj.jdbc.Driver for MySQL and MariaDB.");
        }
        boolean takesIt;
        try {
            takesIt = driver.acceptsURL(url);
        } catch (SQLException unreadable) {
            takesIt = false;
        }
        if (!takesIt) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.url", "is \"" + DatabaseTarget.safe(url)
                    + "\", which the "
                    + "database driver " + driver.getClass().getName() + " does not take",
                    "Set it to your database's JDBC address," + example);
        }
        return driver;
    }

    private String text(String setting) {
        String value = environment.getProperty(setting);
        return value == null ? "" : value.strip();
    }
}
