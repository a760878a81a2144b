package org.steward.portal.system;

import java.util.Set;
import java.util.stream.Collectors;
import org.steward.portal.signin.CityUser;
import org.steward.workflow.people.Person;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Turns the logged-in principal into the Person that services decide for. */
@Component
public class CurrentPerson {

    public Person of(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        String name = authentication.getName();
        if (principal instanceof StewardPrincipal p) {
            name = p.displayName();
        } else if (principal instanceof CityUser user) {
            name = user.displayName();
        } else if (principal instanceof Jwt token && token.getClaimAsString("name") != null) {
            name = token.getClaimAsString("name");
        }
        Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new Person(authentication.getName(), name, null, groups);
    }
}
