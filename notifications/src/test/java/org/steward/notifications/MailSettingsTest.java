package org.steward.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The email settings: what an installation gets when it sets nothing, and when a failed email is tried again. */
class MailSettingsTest {

    private static final Instant FAILED_AT = Instant.parse("2026-12-07T09:00:00Z");

    private static <T> T bind(Class<T> type, String prefix, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, Bindable.of(type));
    }

    private static MailSettings mail(Map<String, String> properties) {
        return bind(MailSettings.class, "steward.mail", properties);
    }

    @Test
    void anInstallationThatSetsNothingGetsTheDocumentedDefaults() {
        MailSettings settings = mail(Map.of());
        assertThat(settings.from()).isEqualTo("Steward <steward@example.org>");
        assertThat(settings.linkValidity()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.retryDelays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(2), Duration.ofHours(4));
        assertThat(settings.pollMillis()).isEqualTo(1000);
        assertThat(settings.claimFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.batchSize()).isEqualTo(20);
        assertThat(settings.mailbox()).isNull();
        assertThat(settings.maxAttempts()).isEqualTo(9);

        SiteSettings site = bind(SiteSettings.class, "steward", Map.of());
        assertThat(site.baseUrl()).isEmpty();
        assertThat(site.demoData()).isFalse();
    }

    @Test
    void settingsAreReadInTheFormsTheReadmeShows() {
        MailSettings settings = mail(Map.of("steward.mail.from", "City data <data@city.example>",
                "steward.mail.link-validity", "36h", "steward.mail.retry-delays", "200ms, 1s,1m",
                "steward.mail.mailbox", "false"));
        assertThat(settings.from()).isEqualTo("City data <data@city.example>");
        assertThat(settings.linkValidity()).isEqualTo(Duration.ofHours(36));
        assertThat(settings.retryDelays()).containsExactly(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        assertThat(settings.mailbox()).isFalse();

        SiteSettings site = bind(SiteSettings.class, "steward",
                Map.of("steward.base-url", " https://data.city.example/ ", "steward.demo-data", "true"));
        assertThat(site.baseUrl()).isEqualTo("https://data.city.example/");
        assertThat(site.demoData()).isTrue();
    }

    @Test
    void aFailedEmailWaitsLongerAfterEachTryAndIsFailedForGoodAfterTheLast() {
        MailSettings settings = mail(Map.of("steward.mail.retry-delays", "5s,30s,2m"));
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.nextTry(1, FAILED_AT)).contains(FAILED_AT.plusSeconds(5));
        assertThat(settings.nextTry(2, FAILED_AT)).contains(FAILED_AT.plusSeconds(30));
        assertThat(settings.nextTry(3, FAILED_AT)).contains(FAILED_AT.plusSeconds(120));
        assertThat(settings.nextTry(4, FAILED_AT)).isEmpty();
        assertThat(settings.nextTry(5, FAILED_AT)).as("an email tried more often than allowed").isEmpty();
        // A failure recorded before any try was counted is taken as the first try.
        assertThat(settings.nextTry(0, FAILED_AT)).contains(FAILED_AT.plusSeconds(5));
    }

    @Test
    void noRetriesMeansOneTry() {
        MailSettings settings = new MailSettings("x@city.example", Duration.ofDays(1), List.of(), 1000,
                Duration.ofMinutes(1), 5, null);
        assertThat(settings.maxAttempts()).isEqualTo(1);
        assertThat(settings.nextTry(1, FAILED_AT)).isEmpty();
    }

    @Test
    void theMailboxIsOnWhereSetOtherwiseOnlyOnTheDemoCityWithoutAMailServer() {
        MailSettings unset = mail(Map.of());
        assertThat(unset.mailboxOn(false, true)).as("demo city, no SMTP").isTrue();
        assertThat(unset.mailboxOn(true, true)).as("demo city with SMTP").isFalse();
        assertThat(unset.mailboxOn(false, false)).as("a real city, no SMTP").isFalse();
        assertThat(unset.mailboxOn(true, false)).as("a real city with SMTP").isFalse();

        MailSettings on = mail(Map.of("steward.mail.mailbox", "true"));
        MailSettings off = mail(Map.of("steward.mail.mailbox", "false"));
        for (boolean smtp : List.of(true, false)) {
            for (boolean demo : List.of(true, false)) {
                assertThat(on.mailboxOn(smtp, demo)).isTrue();
                assertThat(off.mailboxOn(smtp, demo)).isFalse();
            }
        }
    }
}
