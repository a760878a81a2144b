package org.steward.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the outbox sender's schedule and the {@code steward.mail.*} settings. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(MailSettings.class)
class NotificationsConfiguration {
}
