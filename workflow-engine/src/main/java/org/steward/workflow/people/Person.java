package org.steward.workflow.people;

import java.util.Set;

/** A person known to the platform, with the groups they are in. */
public record Person(String id, String name, String email, Set<String> groups) {

    /** Groups whose members see every request. */
    public static final Set<String> SEE_EVERYTHING = Set.of("admins", "auditors", "camunda-admin");

    public Person {
        groups = Set.copyOf(groups);
    }

    public boolean inGroup(String group) {
        return group != null && groups.contains(group);
    }

    public boolean seesEverything() {
        return groups.stream().anyMatch(SEE_EVERYTHING::contains);
    }
}
