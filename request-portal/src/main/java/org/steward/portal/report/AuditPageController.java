package org.steward.portal.report;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.steward.portal.request.PageTimes;
import org.steward.portal.request.PlainWords;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditSearch;
import org.steward.workflow.audit.AuditSearch.Filter;
import org.steward.workflow.audit.AuditSearch.Found;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;

/** The audit trail page for auditors and admins, with its filters and pages, and the same events as a CSV download. */
@Controller
class AuditPageController {

    static final String VIEW = "reports/audit";

    private final AuditSearch search;
    private final AccessPolicy access;
    private final CurrentPerson currentPerson;
    private final PlainWords words;
    private final PageTimes times;
    private final Clock clock;

    AuditPageController(AuditSearch search, AccessPolicy access, CurrentPerson currentPerson, PlainWords words,
            PageTimes times, Clock clock) {
        this.search = search;
        this.access = access;
        this.currentPerson = currentPerson;
        this.words = words;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String reference, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String type, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page,
            Authentication authentication, Model model, HttpServletResponse response) {
        Person reader = currentPerson.of(authentication);
        access.requireMaySeeAuditTrail(reader);
        model.addAttribute("reference", text(reference));
        model.addAttribute("actor", text(actor));
        model.addAttribute("type", text(type));
        model.addAttribute("from", text(from));
        model.addAttribute("to", text(to));
        model.addAttribute("types", Arrays.stream(AuditEventType.values())
                .map(t -> new TypeOption(t.name(), t.words())).toList());
        Filter filter;
        try {
            filter = search.filter(reference, actor, type, from, to);
        } catch (StewardProblem refused) {
            if (refused.kind() != StewardProblem.Kind.INVALID) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", refused.fieldErrors());
            return VIEW;
        }
        Found found = search.page(reader, filter, page);
        model.addAttribute("total", found.total());
        model.addAttribute("page", found.page());
        model.addAttribute("pages", found.pages());
        model.addAttribute("events", found.entries().stream().map(this::row).toList());
        model.addAttribute("previous", found.page() > 1 ? link("/audit", filter, found.page() - 1) : null);
        model.addAttribute("next", found.page() < found.pages() ? link("/audit", filter, found.page() + 1) : null);
        model.addAttribute("csvLink", link("/audit.csv", filter, 0));
        return VIEW;
    }

    /** The events of the page's filters, all pages, as a CSV file. */
    @GetMapping("/audit.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String reference,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication authentication) {
        Person reader = currentPerson.of(authentication);
        access.requireMaySeeAuditTrail(reader);
        return AuditCsv.download(search.all(reader, search.filter(reference, actor, type, from, to)), words,
                clock.getZone());
    }

    private Row row(AuditSearch.Entry e) {
        String who = e.actorName() == null || e.actorName().equals(e.actor()) ? e.actor()
                : e.actorName() + " (" + e.actor() + ")";
        return new Row(e.id(), times.dateTime(e.time()), times.iso(e.time()), e.typeWords(), e.type().name(),
                e.reference(), who, words.channel(e.channel()), e.clientAddress(), e.words());
    }

    private static String link(String path, Filter filter, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        if (filter.reference() != null) {
            link.queryParam("reference", filter.reference());
        }
        if (filter.actor() != null) {
            link.queryParam("actor", filter.actor());
        }
        if (filter.type() != null) {
            link.queryParam("type", filter.type().name());
        }
        if (filter.from() != null) {
            link.queryParam("from", filter.from()).queryParam("to", filter.to());
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.encode().build().toUriString();
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** An event type as the filter offers it. */
    record TypeOption(String code, String words) {
    }

    /** An event as the page shows it, in plain words. */
    record Row(long id, String time, String iso, String type, String typeCode, String reference, String who,
            String how, String clientAddress, String detail) {
    }
}
