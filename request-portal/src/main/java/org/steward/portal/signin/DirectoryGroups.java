package org.steward.portal.signin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The directory groups a token or ID token lists in the configured claim: a list of names, or one name. */
final class DirectoryGroups {

    private DirectoryGroups() {
    }

    static List<String> in(Map<String, Object> claims, String claim) {
        Object value = claims.get(claim);
        if (value instanceof Collection<?> names) {
            return names.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        if (value instanceof String name && !name.isBlank()) {
            return List.of(name);
        }
        return List.of();
    }
}
