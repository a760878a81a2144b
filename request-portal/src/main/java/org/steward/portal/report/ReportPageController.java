package org.steward.portal.report;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.steward.portal.request.PageTimes;
import org.steward.portal.request.PlainWords;
import org.steward.portal.system.CurrentPerson;
import org.steward.portal.system.PageProblems;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.report.ReportPeriod;
import org.steward.workflow.report.TurnaroundReport;
import org.steward.workflow.report.TurnaroundReport.Finished;
import org.steward.workflow.report.TurnaroundReport.RequestReport;
import org.steward.workflow.report.TurnaroundReport.Step;
import org.steward.workflow.report.TurnaroundReport.StepReport;

/** The turnaround page for auditors and admins, with its period, and its step table as a CSV download. */
@Controller
class ReportPageController {

    static final String VIEW = "reports/turnaround";

    private final TurnaroundReport report;
    private final CurrentPerson currentPerson;
    private final PlainWords words;
    private final PageTimes times;
    private final Clock clock;

    ReportPageController(TurnaroundReport report, CurrentPerson currentPerson, PlainWords words, PageTimes times,
            Clock clock) {
        this.report = report;
        this.currentPerson = currentPerson;
        this.words = words;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping("/reports")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication authentication, Model model, HttpServletResponse response) {
        Person reader = currentPerson.of(authentication);
        StepReport steps;
        RequestReport requests;
        try {
            steps = report.steps(reader, from, to);
            requests = report.requests(reader, from, to);
        } catch (StewardProblem refused) {
            if (refused.kind() != StewardProblem.Kind.INVALID) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", refused.fieldErrors());
            model.addAttribute("from", from == null ? "" : from.strip());
            model.addAttribute("to", to == null ? "" : to.strip());
            return VIEW;
        }
        ReportPeriod period = steps.period();
        model.addAttribute("from", period.from().toString());
        model.addAttribute("to", period.to().toString());
        model.addAttribute("period", times.date(period.from()) + " to " + times.date(period.to()));
        model.addAttribute("drawnUp", times.dateTime(steps.drawnUpAt()));
        model.addAttribute("steps", steps.steps().stream().map(this::row).toList());
        model.addAttribute("submitted", requests.submitted());
        model.addAttribute("statuses", requests.byStatus());
        model.addAttribute("finished", requests.finished().stream().map(ReportPageController::row).toList());
        model.addAttribute("csvLink", UriComponentsBuilder.fromPath("/reports.csv")
                .queryParam("from", period.from()).queryParam("to", period.to()).build().toUriString());
        return VIEW;
    }

    /** The step table of the page for the same period, as a CSV file (see ReportCsv); a period not read, a page. */
    @GetMapping("/reports.csv")
    Object csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication authentication) {
        try {
            return ReportCsv.download(report.steps(currentPerson.of(authentication), from, to), words,
                    clock.getZone());
        } catch (StewardProblem refused) {
            if (refused.kind() != StewardProblem.Kind.INVALID) {
                throw refused;
            }
            return PageProblems.page(HttpStatus.BAD_REQUEST, "Check the period",
                    String.join(" ", refused.fieldErrors().values()));
        }
    }

    private StepRow row(Step step) {
        List<String> outcomes = step.outcomes().entrySet().stream()
                .map(e -> words.outcome(e.getKey()) + ": " + e.getValue()).toList();
        Instant oldest = step.oldestWaitingSince();
        return new StepRow(step.step(), step.name(), step.decisions(), outcomes, step.timedDecisions(),
                duration(step.medianHours()), duration(step.percentile90Hours()), step.waitingNow(),
                oldest == null ? "" : times.date(oldest), oldest == null ? "" : times.age(oldest),
                oldest == null ? "" : times.iso(oldest));
    }

    private static FinishedRow row(Finished finished) {
        return new FinishedRow(finished.words(), finished.requests(), duration(finished.medianHours()));
    }

    /** A time in the unit people think of it in: minutes, hours up to two days, then days. */
    static String duration(Double hours) {
        if (hours == null) {
            return "Not known";
        }
        if (hours < 1) {
            long minutes = Math.round(hours * 60);
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        if (hours < 48) {
            String number = number(hours);
            return number + ("1".equals(number) ? " hour" : " hours");
        }
        return number(hours / 24) + " days";
    }

    private static String number(double value) {
        double tenths = Math.round(value * 10) / 10.0;
        return tenths == Math.rint(tenths) ? String.valueOf((long) tenths)
                : String.format(Locale.ENGLISH, "%.1f", tenths);
    }

    /** A step as the page shows it: outcomes and times in words, the oldest waiting task's day and age. */
    record StepRow(String key, String name, int decisions, List<String> outcomes, int timedDecisions, String median,
            String percentile90, int waitingNow, String oldestDate, String oldestAge, String oldestIso) {
    }

    /** Requests that finished one way, and how long that typically took, in words. */
    record FinishedRow(String words, int requests, String median) {
    }
}
