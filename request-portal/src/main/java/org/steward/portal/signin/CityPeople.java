package org.steward.portal.signin;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.steward.workflow.directory.DirectorySignIn;
import org.steward.workflow.directory.DirectoryService;
import org.steward.workflow.people.Person;

/** At each sign-in through the city's provider, creates or updates the person and their groups from the ID token. */
class CityPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final DirectoryService directory;
    private final OidcSettings settings;

    CityPeople(DirectoryService directory, OidcSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser signedIn = provider.loadUser(request);
        List<String> groups = DirectoryGroups.in(signedIn.getClaims(), settings.groupsClaim());
        String issuer = signedIn.getIdToken().getIssuer().toString();
        String subject = signedIn.getSubject();
        boolean admin = (!settings.adminGroup().isEmpty() && groups.contains(settings.adminGroup()))
                || settings.adminSubjects().contains(subject);
        Person person;
        try {
            person = directory.signIn(new DirectorySignIn(issuer, subject, signedIn.getPreferredUsername(),
                    signedIn.getGivenName(), signedIn.getFamilyName(), signedIn.getFullName(), signedIn.getEmail(),
                    groups, admin));
        } catch (RuntimeException failed) {
            throw new OAuth2AuthenticationException(new OAuth2Error("steward_unavailable"),
                    "Steward could not record your sign-in just now. Try again in a minute.", failed);
        }
        List<SimpleGrantedAuthority> authorities = person.groups().stream().sorted().map(SimpleGrantedAuthority::new)
                .toList();
        return new CityUser(person.id(), person.name(), authorities, signedIn.getIdToken(), signedIn.getUserInfo());
    }
}
