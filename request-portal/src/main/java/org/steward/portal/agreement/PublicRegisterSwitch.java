package org.steward.portal.agreement;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether the public register of agreements in force is open to anyone without logging in
 * ({@value #PROPERTY}, off unless set). Read on every request, so that a test can turn it on and off in the one
 * application context all tests share.
 */
@Component
public class PublicRegisterSwitch {

    static final String PROPERTY = "steward.agreements.public-register";

    private final Environment environment;
    private volatile Boolean override;

    PublicRegisterSwitch(Environment environment) {
        this.environment = environment;
    }

    public boolean enabled() {
        Boolean chosen = override;
        return chosen != null ? chosen : environment.getProperty(PROPERTY, Boolean.class, false);
    }

    /** Opens or closes the public register regardless of the property; null goes back to the property. */
    public void setEnabled(Boolean enabled) {
        this.override = enabled;
    }
}
