package org.steward.portal.demo;

import java.time.Duration;
import org.steward.workflow.people.PeopleService;
import org.springframework.stereotype.Component;

/**
 * Whether the demo city's people are in this Steward, so that every page can say it is a demo. Asked on every page,
 * answered from memory and checked again at most every {@link #RECHECK}: another node may have created or an admin
 * removed them meanwhile.
 */
@Component("demoCity")
public class DemoCity {

    /** How long an answer is kept before the people are looked up again. */
    static final Duration RECHECK = Duration.ofSeconds(30);

    private final PeopleService people;
    private volatile long checkedAt;
    private volatile boolean present;

    DemoCity(PeopleService people) {
        this.people = people;
    }

    /** Whether any of the demo people exists, as the demo data made them (user id and its example.org address). */
    public boolean present() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > RECHECK.toNanos()) {
            present = people.anyWithEmail(DemoData.PEOPLE, id -> id + DemoData.EMAIL_DOMAIN);
            checkedAt = now == 0 ? 1 : now;
        }
        return present;
    }

    /** Forgets the last answer: the next page looks again (after the demo data has run). */
    void recheck() {
        checkedAt = 0;
    }
}
