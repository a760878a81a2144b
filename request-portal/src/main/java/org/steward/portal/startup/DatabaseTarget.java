package org.steward.portal.startup;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a node uses, as its settings give it: the JDBC address, the driver that takes it, and the connection's
 * properties (user, password, and those the pool adds).
 */
record DatabaseTarget(String url, Driver driver, Properties properties) {

    private static final Pattern AUTHORITY = Pattern.compile("^jdbc:[a-z0-9:+]*?//(?:[^/@?;]*@)?([^/?;]+)");

    /** Where the database is, as an operator names it: "db.city.example:3306", or the embedded database's file. */
    String where() {
        Matcher authority = AUTHORITY.matcher(url);
        if (authority.find()) {
            String hostAndPort = authority.group(1);
            boolean mysql = url.startsWith("jdbc:mysql") || url.startsWith("jdbc:mariadb");
            return mysql && !hostAndPort.matches(".*:\\d+$") ? hostAndPort + ":3306" : hostAndPort;
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            return "in memory (" + safe(url) + ")";
        }
        if (url.startsWith("jdbc:h2:")) {
            return "in the file " + url.replaceFirst("^jdbc:h2:(file:)?", "").replaceFirst("[;?].*$", "");
        }
        return safe(url);
    }

    /** One connection, given up on after {@code timeout} where the driver lets it be said (MySQL's). */
    Connection connect(Duration timeout) throws SQLException {
        Properties tried = new Properties();
        tried.putAll(properties);
        if (url.startsWith("jdbc:mysql") || url.startsWith("jdbc:mariadb")) {
            // Connector/J otherwise waits as long as the system lets a connection hang (minutes, on a lost network).
            String millis = Long.toString(Math.max(1000, timeout.toMillis()));
            if (!url.toLowerCase(Locale.ROOT).contains("connecttimeout=")) {
                tried.putIfAbsent("connectTimeout", millis);
            }
            if (!url.toLowerCase(Locale.ROOT).contains("sockettimeout=")) {
                tried.putIfAbsent("socketTimeout", millis);
            }
        }
        Connection connection = driver.connect(url, tried);
        if (connection == null) {
            throw new SQLException("The driver does not take this address");
        }
        return connection;
    }

    /** The address with any password in it hidden, for the log. */
    static String safe(String url) {
        return url.replaceAll("//[^/@?;]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
