package org.steward.portal.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.report.TurnaroundReport;
import org.steward.workflow.report.TurnaroundReport.Step;
import org.steward.workflow.report.TurnaroundReport.StepReport;

/** The step figures of the turnaround report as JSON, for auditors and admins; refusals as problem details. */
@RestController
class ReportApiController {

    private final TurnaroundReport report;
    private final CurrentPerson currentPerson;

    ReportApiController(TurnaroundReport report, CurrentPerson currentPerson) {
        this.report = report;
        this.currentPerson = currentPerson;
    }

    /** Per step, over the period {@code from} to {@code to} (both optional, like 2026-01-31; both days included). */
    @GetMapping("/api/reports/steps")
    Steps steps(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication authentication) {
        StepReport steps = report.steps(currentPerson.of(authentication), from, to);
        return new Steps(steps.period().from(), steps.period().to(), steps.drawnUpAt(), steps.steps());
    }

    /** The answer: the period, when it was drawn up (what "waiting now" refers to), and one entry per step. */
    record Steps(LocalDate from, LocalDate to, Instant drawnUpAt, List<Step> steps) {
    }
}
