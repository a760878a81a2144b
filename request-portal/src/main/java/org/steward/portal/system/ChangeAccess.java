package org.steward.portal.system;

import org.steward.workflow.access.AccessPolicy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whether the person logged in may change anything (as {@code @changeAccess}), so that pages offer auditors no
 * button, form or link that would only be refused.
 */
@Component
public class ChangeAccess {

    private final AccessPolicy access;
    private final CurrentPerson currentPerson;

    ChangeAccess(AccessPolicy access, CurrentPerson currentPerson) {
        this.access = access;
        this.currentPerson = currentPerson;
    }

    /** Everyone logged in but auditors, as the access policy says. */
    public boolean mayChange(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && access.mayChange(currentPerson.of(authentication));
    }
}
