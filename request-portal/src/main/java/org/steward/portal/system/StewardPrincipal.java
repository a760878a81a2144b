package org.steward.portal.system;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is logged in, by user id; Camunda's webapps read the same name through the servlet request. A person whose
 * password an admin set must change it before anything else ({@code mustChangePassword}).
 */
public record StewardPrincipal(String userId, String displayName, boolean mustChangePassword)
        implements AuthenticatedPrincipal, Serializable {

    public StewardPrincipal(String userId, String displayName) {
        this(userId, displayName, false);
    }

    /** The same person, once they chose their own password. */
    public StewardPrincipal passwordChanged() {
        return new StewardPrincipal(userId, displayName, false);
    }

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public String toString() {
        return userId;
    }
}
