package org.steward.portal.report;

import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.steward.portal.request.PlainWords;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.audit.AuditSearch;
import org.steward.workflow.audit.AuditSearch.Entry;
import org.steward.workflow.audit.AuditSearch.Filter;
import org.steward.workflow.audit.AuditSearch.Found;
import org.steward.workflow.people.Person;

/** The audit trail as JSON, a page at a time, or as CSV with {@code format=csv}: auditors and admins only. */
@RestController
class AuditApiController {

    private final AuditSearch search;
    private final CurrentPerson currentPerson;
    private final PlainWords words;
    private final Clock clock;

    AuditApiController(AuditSearch search, CurrentPerson currentPerson, PlainWords words, Clock clock) {
        this.search = search;
        this.currentPerson = currentPerson;
        this.words = words;
        this.clock = clock;
    }

    /**
     * Events newest first, filtered by request reference, person (user id), event type and period (dates like
     * 2026-01-31, both included); {@code page} from 1.
     */
    @GetMapping("/api/audit")
    ResponseEntity<?> events(@RequestParam(required = false) String reference,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String format,
            Authentication authentication) {
        Person reader = currentPerson.of(authentication);
        Filter filter = search.filter(reference, actor, type, from, to);
        if ("csv".equalsIgnoreCase(format == null ? null : format.strip())) {
            return AuditCsv.download(search.all(reader, filter), words, clock.getZone());
        }
        Found found = search.page(reader, filter, page);
        return ResponseEntity.ok(new Events(found.page(), found.pages(), found.total(), AuditSearch.PAGE_SIZE,
                found.entries()));
    }

    /** The answer: which page of how many, how many events match in all, and the events of this page. */
    record Events(int page, int pages, long total, int pageSize, List<Entry> events) {
    }
}
