package org.steward.portal.system;

import java.util.Set;
import java.util.stream.Collectors;
import org.steward.workflow.people.Person;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Turns the logged-in principal into the Person that services decide for. */
@Component
public class CurrentPerson {

    public Person of(Authentication authentication) {
        String name = authentication.getPrincipal() instanceof StewardPrincipal p ? p.displayName()
                : authentication.getName();
        Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new Person(authentication.getName(), name, null, groups);
    }
}
