package org.steward.portal.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created at start-up on a database with no admin yet ({@code steward.admin.*}, usually set as
 * STEWARD_ADMIN_USER and STEWARD_ADMIN_PASSWORD); ignored once an admin exists.
 *
 * @param user the first admin's user id
 * @param password the first admin's password
 */
@ConfigurationProperties("steward.admin")
record FirstAdminSettings(@DefaultValue("") String user, @DefaultValue("") String password) {
}
