package org.steward.portal.signin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through the city's OpenID Connect provider ({@code steward.oidc.*}); off while the issuer is not set.
 *
 * @param issuerUri the provider's issuer address, as its discovery document names it (such as
 *     https://login.microsoftonline.com/{tenant}/v2.0); setting it turns on the city sign-in and bearer tokens
 * @param clientId Steward's client id at the provider
 * @param clientSecret Steward's client secret at the provider
 * @param groupsClaim the claim of the ID token and access tokens that lists a person's directory groups (roles for
 *     Entra ID app roles)
 * @param adminGroup a directory group whose members are Steward admins (admins and camunda-admin), so that a fresh
 *     installation has someone to set the group mapping
 * @param adminSubjects subjects (the sub claim) of people who are Steward admins, whatever their groups
 * @param audience the audience an access token must name to be accepted by the API and /engine-rest; the client id
 *     when not set
 * @param scopes the scopes Steward asks for at sign-in
 */
@ConfigurationProperties("steward.oidc")
public record OidcSettings(
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("") String adminGroup,
        @DefaultValue("") List<String> adminSubjects,
        @DefaultValue("") String audience,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {

    public OidcSettings {
        issuerUri = issuerUri == null ? "" : issuerUri.strip();
        clientId = clientId == null ? "" : clientId.strip();
        audience = audience == null ? "" : audience.strip();
        adminGroup = adminGroup == null ? "" : adminGroup.strip();
        adminSubjects = adminSubjects == null ? List.of()
                : adminSubjects.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether the city sign-in is on. */
    public boolean configured() {
        return !issuerUri.isEmpty();
    }

    /** The audience access tokens must name. */
    public String expectedAudience() {
        return audience.isEmpty() ? clientId : audience;
    }
}
