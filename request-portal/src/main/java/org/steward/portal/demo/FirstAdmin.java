package org.steward.portal.demo;

import org.steward.workflow.people.PeopleService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** On a database with no admin yet, creates the first one from STEWARD_ADMIN_USER and STEWARD_ADMIN_PASSWORD. */
@Component
@Order(2)
@EnableConfigurationProperties(FirstAdminSettings.class)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final PeopleService people;
    private final String userId;
    private final String password;

    FirstAdmin(PeopleService people, FirstAdminSettings settings) {
        this.people = people;
        this.userId = settings.user();
        this.password = settings.password();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (people.anyoneIn("camunda-admin")) {
            return;
        }
        if (userId.isBlank() || password.isBlank()) {
            log.warn("No admin exists yet. Set STEWARD_ADMIN_USER and STEWARD_ADMIN_PASSWORD and restart to create one.");
            return;
        }
        people.createGroup("admins", "Process admins");
        people.createGroup("camunda-admin", "Camunda administrators");
        if (!people.exists(userId)) {
            people.createPerson(userId, userId, "", userId + "@localhost", password);
        }
        people.addToGroup(userId, "admins");
        people.addToGroup(userId, "camunda-admin");
        log.info("Created the first admin, {}.", userId);
    }
}
