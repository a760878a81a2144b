package org.steward.portal.agreement;

import org.steward.workflow.agreement.AgreementProperties;
import org.springframework.stereotype.Component;

/**
 * Whether the public register of agreements in force is open to anyone without logging in
 * ({@value #PROPERTY}, off unless set). A test can turn it on and off in the one application context all tests
 * share.
 */
@Component
public class PublicRegisterSwitch {

    static final String PROPERTY = "steward.agreements.public-register";

    private final boolean configured;
    private volatile Boolean override;

    PublicRegisterSwitch(AgreementProperties settings) {
        this.configured = settings.publicRegister();
    }

    public boolean enabled() {
        Boolean chosen = override;
        return chosen != null ? chosen : configured;
    }

    /** Opens or closes the public register regardless of the property; null goes back to the property. */
    public void setEnabled(Boolean enabled) {
        this.override = enabled;
    }
}
