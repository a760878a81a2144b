package org.steward.portal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.RequestDrafts;
import org.steward.workflow.request.RequestListing;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.request.RequestSummary;
import org.springframework.data.domain.Page;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The requests a person may see (their own; for reviewers, custodians, signatories and admins, those they are on),
 * and their drafts: filtered by status, searched by reference and title, sorted and paged in the database.
 */
@Controller
class RequestListController {

    static final String VIEW = "requests/list";
    static final int PAGE_SIZE = 20;
    /** The status filter's value that shows drafts only. */
    static final String DRAFTS = "DRAFT";

    private final RequestListing listing;
    private final RequestDrafts drafts;
    private final PeopleService people;
    private final PlainWords words;
    private final PageTimes times;
    private final CurrentPerson currentPerson;

    RequestListController(RequestListing listing, RequestDrafts drafts, PeopleService people, PlainWords words,
            PageTimes times, CurrentPerson currentPerson) {
        this.listing = listing;
        this.drafts = drafts;
        this.people = people;
        this.words = words;
        this.times = times;
        this.currentPerson = currentPerson;
    }

    /** A sort a person can choose, in words. */
    record SortChoice(String value, String label) {
    }

    /** A status a person can filter by, in words. */
    record StatusChoice(String value, String label) {
    }

    /** A row of the table. */
    record Row(String reference, String title, String status, String badge, String requester, String submitted,
            String updated) {
    }

    /** A draft's row. */
    record DraftRow(Long id, String title, String updated) {
    }

    /** A link of the pagination. */
    record PageLink(int number, String href, boolean current) {
    }

    @GetMapping("/requests")
    String list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "sort", required = false) String sort,
            @RequestParam(name = "page", required = false) String pageNumber, Authentication authentication,
            Model model) {
        Person person = currentPerson.of(authentication);
        boolean draftsOnly = DRAFTS.equalsIgnoreCase(status == null ? "" : status.strip());
        RequestStatus chosenStatus = draftsOnly ? null : status(status);
        RequestListing.Order order = order(sort);
        String text = q == null || q.isBlank() ? null : q.strip();
        int wanted = number(pageNumber);

        Page<RequestSummary> found = Page.empty();
        if (!draftsOnly) {
            found = listing.page(person, chosenStatus, text, order, wanted - 1, PAGE_SIZE);
            if (found.getTotalPages() > 0 && wanted > found.getTotalPages()) {
                wanted = found.getTotalPages();
                found = listing.page(person, chosenStatus, text, order, wanted - 1, PAGE_SIZE);
            }
        }
        // Drafts are few and not paged: they head the first page, and are filtered by the search too.
        List<DraftRow> draftRows = chosenStatus != null || !draftsOnly && wanted > 1 ? List.of()
                : drafts.search(person, text).stream().map(d -> new DraftRow(d.id(),
                        d.title() == null ? "Untitled request" : d.title(), times.dateTime(d.updatedAt()))).toList();

        String statusValue = draftsOnly ? DRAFTS : chosenStatus == null ? "" : chosenStatus.name();
        String sortValue = order.name().toLowerCase(Locale.ROOT);
        model.addAttribute("statusValue", statusValue);
        model.addAttribute("q", text == null ? "" : text);
        model.addAttribute("sortValue", sortValue);
        model.addAttribute("statuses", statuses());
        model.addAttribute("sorts", sorts());
        model.addAttribute("draftsOnly", draftsOnly);
        model.addAttribute("drafts", draftRows);
        model.addAttribute("rows", rows(found.getContent()));
        model.addAttribute("total", found.getTotalElements());
        model.addAttribute("first", found.getTotalElements() == 0 ? 0 : (long) (wanted - 1) * PAGE_SIZE + 1);
        model.addAttribute("last", (long) (wanted - 1) * PAGE_SIZE + found.getNumberOfElements());
        model.addAttribute("filtered", chosenStatus != null || text != null || draftsOnly);
        int pages = found.getTotalPages();
        model.addAttribute("pages", pageLinks(pages, wanted, statusValue, text, sortValue));
        model.addAttribute("previous", wanted > 1 ? href(wanted - 1, statusValue, text, sortValue) : null);
        model.addAttribute("next", wanted < pages ? href(wanted + 1, statusValue, text, sortValue) : null);
        model.addAttribute("pageNumber", wanted);
        model.addAttribute("pageCount", pages);
        return VIEW;
    }

    private List<Row> rows(List<RequestSummary> summaries) {
        DisplayNames names = new DisplayNames(people);
        List<Row> rows = new ArrayList<>();
        for (RequestSummary r : summaries) {
            rows.add(new Row(r.reference(), r.title(), words.status(r.status(), r.statusStep()),
                    "badge " + words.badge(r.status()), names.of(r.requester()), times.date(r.createdAt()),
                    times.dateTime(r.updatedAt())));
        }
        return rows;
    }

    private List<StatusChoice> statuses() {
        List<StatusChoice> choices = new ArrayList<>();
        choices.add(new StatusChoice("", "Any status"));
        choices.add(new StatusChoice(DRAFTS, "Drafts (not submitted yet)"));
        for (RequestStatus status : RequestStatus.values()) {
            if (status != RequestStatus.DRAFT) {
                choices.add(new StatusChoice(status.name(), words.status(status, null)));
            }
        }
        return choices;
    }

    private static List<SortChoice> sorts() {
        return List.of(new SortChoice("newest", "Newest first"), new SortChoice("oldest", "Oldest first"),
                new SortChoice("reference", "Reference"), new SortChoice("title", "Title, A to Z"),
                new SortChoice("status", "Status"));
    }

    /** Numbered links around the current page: the first, the last, and two either side. */
    private static List<PageLink> pageLinks(int pages, int current, String status, String text, String sort) {
        List<PageLink> links = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - current) <= 2) {
                links.add(new PageLink(n, href(n, status, text, sort), n == current));
            }
        }
        return links;
    }

    /** The list's address for a page, keeping the filter, the search and the sort. */
    static String href(int pageNumber, String status, String text, String sort) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/requests");
        if (status != null && !status.isEmpty()) {
            uri.queryParam("status", status);
        }
        if (text != null && !text.isEmpty()) {
            uri.queryParam("q", text);
        }
        if (sort != null && !"newest".equals(sort)) {
            uri.queryParam("sort", sort);
        }
        uri.queryParam("page", pageNumber);
        return uri.encode().build().toUriString();
    }

    private static RequestStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RequestStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static RequestListing.Order order(String value) {
        if (value == null || value.isBlank()) {
            return RequestListing.Order.NEWEST;
        }
        try {
            return RequestListing.Order.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return RequestListing.Order.NEWEST;
        }
    }

    private static int number(String value) {
        try {
            return Math.max(1, Integer.parseInt(value == null ? "1" : value.strip()));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
