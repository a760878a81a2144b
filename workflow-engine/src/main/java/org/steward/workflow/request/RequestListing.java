package org.steward.workflow.request;

import java.util.List;
import org.steward.workflow.people.Person;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The requests a person may see, a page at a time, filtered, searched and sorted in the database. */
@Service
public class RequestListing {

    /** How a list is sorted; ties fall to the newest first, so pages never repeat or skip a row. */
    public enum Order {
        NEWEST(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))),
        OLDEST(Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("id"))),
        REFERENCE(Sort.by(Sort.Order.asc("reference"))),
        TITLE(Sort.by(Sort.Order.asc("title").ignoreCase(), Sort.Order.desc("createdAt"), Sort.Order.desc("id"))),
        STATUS(Sort.by(Sort.Order.asc("status"), Sort.Order.desc("createdAt"), Sort.Order.desc("id")));

        private final Sort sort;

        Order(Sort sort) {
            this.sort = sort;
        }
    }

    private final DataRequestRepository requests;

    RequestListing(DataRequestRepository requests) {
        this.requests = requests;
    }

    /**
     * One page (numbered from 0) of the requests the person may see, as {@link RequestService#visibleTo} decides:
     * with the status given (any when null), and the text (any when blank) in the reference or the title, in any case.
     */
    @Transactional(readOnly = true)
    public Page<RequestSummary> page(Person person, RequestStatus status, String text, Order order, int page,
            int size) {
        List<String> groups = person.groups().isEmpty() ? List.of("") : List.copyOf(person.groups());
        return requests.findVisiblePage(person.id(), groups, person.seesEverything(), status,
                RequestDrafts.likePattern(text), PageRequest.of(Math.max(page, 0), size,
                        (order == null ? Order.NEWEST : order).sort));
    }
}
