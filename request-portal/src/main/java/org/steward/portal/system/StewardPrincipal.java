package org.steward.portal.system;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/** Who is logged in, by user id; Camunda's webapps read the same name through the servlet request. */
public record StewardPrincipal(String userId, String displayName) implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public String toString() {
        return userId;
    }
}
