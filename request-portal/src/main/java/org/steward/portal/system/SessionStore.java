package org.steward.portal.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * People's sessions in the database (Spring Session JDBC), shared by every node. On MySQL and MariaDB a session's
 * attribute is written with an upsert, so that two calls of one session setting the same attribute at once (a page and
 * its refresh) do not collide on the attribute's key.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertOnMySql(
            @Value("${spring.datasource.url:}") String url) {
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return new MySqlJdbcIndexedSessionRepositoryCustomizer();
        }
        return repository -> {
        };
    }
}
