package org.steward.portal.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.steward.portal.request.PageTimes;
import org.steward.portal.request.PlainWords;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.request.RequestStatus;
import org.steward.workflow.task.TaskView;
import org.springframework.stereotype.Component;

/** Says statuses, people, groups, times and ages in the words of city staff, in the city's time zone. */
@Component
class TaskWords {


    private final CatalogService catalog;
    private final PeopleService people;
    private final Clock clock;
    private final PlainWords plainWords;

    private final PageTimes times;

    TaskWords(CatalogService catalog, PeopleService people, Clock clock, PlainWords plainWords, PageTimes times) {
        this.times = times;
        this.plainWords = plainWords;
        this.catalog = catalog;
        this.people = people;
        this.clock = clock;
    }

    /** A request's status as a person reads it: the same words as on every other page. */
    String status(RequestStatus status, String step) {
        return plainWords.status(status, step);
    }

    String agreementStatus(org.steward.workflow.agreement.AgreementStatus status) {
        return plainWords.agreementStatus(status);
    }

    String outcome(String outcome, String modelsWords) {
        return plainWords.outcome(outcome, modelsWords);
    }

    String channel(String channel) {
        return plainWords.channel(channel);
    }

    /** A person by name with their user id, as pages name people. */
    String person(String userId) {
        if (userId == null) {
            return null;
        }
        String name = people.displayName(userId);
        return name == null || name.equals(userId) ? userId : name + " (" + userId + ")";
    }

    /** A group in words: "the data stewards of Finance (stewards-fin)". */
    String group(String groupId) {
        for (Department department : catalog.departments()) {
            if (groupId.equals(department.getStewardGroup())) {
                return "the data stewards of " + department.getName() + " (" + groupId + ")";
            }
            if (groupId.equals(department.getCustodianGroup())) {
                return "the data custodians of " + department.getName() + " (" + groupId + ")";
            }
            if (groupId.equals(department.getStaffGroup())) {
                return "the staff of " + department.getName() + " (" + groupId + ")";
            }
        }
        return switch (groupId) {
            case "privacy-office" -> "the privacy office (privacy-office)";
            case "admins" -> "the process admins (admins)";
            default -> "the group " + groupId;
        };
    }

    /** Who a task waits for: the person who has it, or its groups. */
    String waitsFor(TaskView task) {
        if (task.assignee() != null) {
            return person(task.assignee());
        }
        List<String> groups = new ArrayList<>();
        task.candidateGroups().forEach(g -> groups.add(group(g)));
        return groups.isEmpty() ? "nobody yet" : String.join(" or ", groups);
    }

    String date(LocalDate date) {
        return times.date(date);
    }

    String dateTime(Instant time) {
        return times.dateTime(time);
    }

    String date(Instant time) {
        return times.date(time);
    }

    /** How long something has waited: "less than an hour", "5 hours", "3 days". */
    String age(Instant since) {
        return times.age(since);
    }

    boolean overdue(Instant due) {
        return times.overdue(due);
    }

    Instant now() {
        return clock.instant();
    }
}
