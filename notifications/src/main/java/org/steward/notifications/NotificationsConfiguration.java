package org.steward.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the outbox sender's schedule the {@code steward.mail.*} settings and where the portal is. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties({MailSettings.class, SiteSettings.class})
class NotificationsConfiguration {
}
