package org.steward.portal.system;

import java.time.Duration;
import java.util.List;
import org.steward.workflow.people.LoginResult;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logs people in against the engine's identity service, their tries counted per user name and client address; their
 * groups become their authorities.
 */
@Component
class StewardAuthenticationProvider implements AuthenticationProvider {

    private final PeopleService people;

    StewardAuthenticationProvider(PeopleService people) {
        this.people = people;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        // The address tries are counted under: a stranger's failures hold back the stranger's address only.
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        LoginResult result = people.authenticate(userId, password, address);
        if (!result.succeeded()) {
            if (result.retryAfter().isPresent()) {
                throw new LockedException("Too many failed tries for this user name. Wait "
                        + seconds(result.retryAfter().get()) + " and try again; an admin can lift the wait at once.");
            }
            throw new BadCredentialsException("The user name or password is wrong.");
        }
        Person person = result.person().orElseThrow();
        List<SimpleGrantedAuthority> authorities = person.groups().stream().sorted().map(SimpleGrantedAuthority::new)
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(new StewardPrincipal(person.id(), person.name(),
                result.mustChangePassword()), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
