package org.steward.portal.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the API, /engine-rest and the metrics accept HTTP Basic with a local account's password
 * ({@code steward.security.basic-auth}).
 *
 * @param basicAuth true or false; when not set, on without the city sign-in and off with it (scripts then use tokens)
 */
@ConfigurationProperties("steward.security")
public record BasicAuthSettings(Boolean basicAuth) {

    /** Whether HTTP Basic is on, given whether the city sign-in is. */
    public boolean on(OidcSettings oidc) {
        return basicAuth != null ? basicAuth : !oidc.configured();
    }
}
