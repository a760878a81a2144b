package org.steward.notifications.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.steward.workflow.request.RequestStatus;

/** Every move of a request that people hear about falls under a topic they can turn off on the settings page. */
class StatusTopicTest {

    @Test
    void everyStatusButDraftHasATopic() {
        for (RequestStatus status : RequestStatus.values()) {
            if (status == RequestStatus.DRAFT) {
                assertThat(StatusTopic.of(status)).as("nobody is told of a draft").isNull();
            } else {
                assertThat(StatusTopic.of(status)).as("the topic of %s", status).isNotNull();
            }
        }
    }

    @Test
    void eachTopicCoversAStatusOrAnEventOfItsOwnAndHasItsOwnWords() {
        Set<StatusTopic> reached = Arrays.stream(RequestStatus.values()).map(StatusTopic::of)
                .filter(Objects::nonNull).collect(Collectors.toCollection(() -> EnumSet.noneOf(StatusTopic.class)));
        // The notice 30 days before expiry and a new comment are no moves between statuses.
        assertThat(EnumSet.complementOf(EnumSet.copyOf(reached)))
                .containsExactlyInAnyOrder(StatusTopic.EXPIRING, StatusTopic.COMMENTS);
        assertThat(Arrays.stream(StatusTopic.values()).map(StatusTopic::label).distinct().count())
                .isEqualTo(StatusTopic.values().length);
        assertThat(StatusTopic.values()).allSatisfy(topic -> assertThat(topic.label()).isNotBlank());
    }
}
