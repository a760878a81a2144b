package org.steward.portal.request;

import java.util.HashMap;
import java.util.Map;
import org.steward.workflow.people.PeopleService;

/** People's names as a page shows them, "Fiona Fischer (fiona)", each looked up once per page. */
public final class DisplayNames {

    private final PeopleService people;
    private final Map<String, String> known = new HashMap<>();

    public DisplayNames(PeopleService people) {
        this.people = people;
    }

    public String of(String userId) {
        if (userId == null) {
            return "";
        }
        return known.computeIfAbsent(userId, id -> {
            String name = people.displayName(id);
            return name == null || name.equals(id) ? id : name + " (" + id + ")";
        });
    }
}
