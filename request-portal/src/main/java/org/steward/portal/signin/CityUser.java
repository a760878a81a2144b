package org.steward.portal.signin;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in through the city's provider: named by their Steward user id (so that Cockpit, the engine and
 * every service see the same id as for a local login), with their Steward groups as authorities.
 */
public class CityUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String userId;
    private final String displayName;

    CityUser(String userId, String displayName, Collection<? extends GrantedAuthority> groups, OidcIdToken idToken,
            OidcUserInfo userInfo) {
        super(groups, idToken, userInfo);
        this.userId = userId;
        this.displayName = displayName;
    }

    @Override
    public String getName() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CityUser user && user.userId.equals(userId) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }

    @Override
    public String toString() {
        return userId;
    }
}
