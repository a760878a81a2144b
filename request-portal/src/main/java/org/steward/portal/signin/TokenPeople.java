package org.steward.portal.signin;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.steward.workflow.directory.DirectoryService;

/**
 * Who a bearer token acts as: the person who signed in with its subject, or the client it names, with the Steward
 * groups its directory groups map to, exactly as at sign-in. A token never acts as a local account of the same name.
 */
class TokenPeople implements Converter<Jwt, AbstractAuthenticationToken> {

    private final DirectoryService directory;
    private final OidcSettings settings;

    TokenPeople(DirectoryService directory, OidcSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("The token names nobody: it has no subject (sub claim).");
        }
        List<String> groups = DirectoryGroups.in(token.getClaims(), settings.groupsClaim());
        boolean admin = (!settings.adminGroup().isEmpty() && groups.contains(settings.adminGroup()))
                || settings.adminSubjects().contains(subject);
        String name = token.getClaimAsString("preferred_username");
        if (name == null) {
            name = token.getClaimAsString("client_id");
        }
        if (name == null) {
            name = token.getClaimAsString("azp");
        }
        String userId = directory.actingUserId(token.getIssuer() == null ? "" : token.getIssuer().toString(), subject,
                name);
        List<SimpleGrantedAuthority> authorities = directory.stewardGroups(groups, admin).stream()
                .map(SimpleGrantedAuthority::new).toList();
        return new JwtAuthenticationToken(token, authorities, userId);
    }
}
