package org.steward.portal.report;

import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.report.TurnaroundReport;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Whether the person logged in may open the reports, so that the menu links them (as {@code @reportAccess}). */
@Component
public class ReportAccess {

    private final TurnaroundReport report;
    private final CurrentPerson currentPerson;

    ReportAccess(TurnaroundReport report, CurrentPerson currentPerson) {
        this.report = report;
        this.currentPerson = currentPerson;
    }

    /** Auditors and admins, as the access policy says; nobody who is not logged in. */
    public boolean mayOpen(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && report.maySee(currentPerson.of(authentication));
    }
}
