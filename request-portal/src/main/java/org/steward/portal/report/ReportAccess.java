package org.steward.portal.report;

import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.report.TurnaroundReport;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whether the person logged in may open the reports and the audit trail, so that the menu links them (as
 * {@code @reportAccess}).
 */
@Component
public class ReportAccess {

    private final TurnaroundReport report;
    private final AccessPolicy access;
    private final CurrentPerson currentPerson;

    ReportAccess(TurnaroundReport report, AccessPolicy access, CurrentPerson currentPerson) {
        this.report = report;
        this.access = access;
        this.currentPerson = currentPerson;
    }

    /** Auditors and admins, as the access policy says; nobody who is not logged in. */
    public boolean mayOpen(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && report.maySee(currentPerson.of(authentication));
    }

    /** The audit trail: auditors and admins too, as the access policy says. */
    public boolean mayReadAuditTrail(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && access.canSeeAuditTrail(currentPerson.of(authentication));
    }
}
