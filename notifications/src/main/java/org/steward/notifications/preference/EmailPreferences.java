package org.steward.notifications.preference;

import java.util.EnumSet;
import java.util.Set;
import org.steward.workflow.people.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which status emails each person wants; task emails (and reminders) always go out and are not a choice. */
@Service
public class EmailPreferences {

    private final EmailOptOutRepository optOuts;

    EmailPreferences(EmailOptOutRepository optOuts) {
        this.optOuts = optOuts;
    }

    /** The topics the person gets emails about. */
    @Transactional(readOnly = true)
    public Set<StatusTopic> wanted(Person person) {
        Set<StatusTopic> wanted = EnumSet.allOf(StatusTopic.class);
        optOuts.findByPersonId(person.id()).forEach(o -> wanted.remove(o.getTopic()));
        return wanted;
    }

    @Transactional(readOnly = true)
    public boolean wants(String personId, StatusTopic topic) {
        return !optOuts.existsByPersonIdAndTopic(personId, topic);
    }

    /** Keeps the person's choice: they get the topics given, and none of the others. */
    @Transactional
    public void choose(Person person, Set<StatusTopic> wanted) {
        optOuts.deleteByPerson(person.id());
        optOuts.flush();
        for (StatusTopic topic : StatusTopic.values()) {
            if (!wanted.contains(topic)) {
                optOuts.save(new EmailOptOut(person.id(), topic));
            }
        }
    }
}
