package org.steward.portal.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.EmailSender;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.notifications.outbox.OutboxEmail.Status;
import org.steward.portal.request.PageTimes;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox of emails for admins: how many stand where, the newest ones, and sending a failed one again. */
@Controller
@RequestMapping("/admin/emails")
class EmailAdminController {

    static final String LIST = "admin/emails";
    static final int NEWEST = 100;

    private final EmailOutbox outbox;
    private final EmailSender sender;
    private final PeopleService people;
    private final PageTimes times;

    EmailAdminController(EmailOutbox outbox, EmailSender sender, PeopleService people, PageTimes times) {
        this.outbox = outbox;
        this.sender = sender;
        this.people = people;
        this.times = times;
    }

    /** How many emails have one status. */
    record Count(String status, long count) {
    }

    /** One email of the table, in words. */
    record Row(long id, String kind, String to, String reference, String subject, String status, String badge,
            int tries, String when, Instant whenAt, String errorLabel, String lastError, boolean mayResend) {
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "false") boolean trouble,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model) {
        model.addAttribute("counts", Arrays.stream(Status.values())
                .map(s -> new Count(countWords(s), outbox.count(s))).toList());
        List<Row> rows = outbox.recent(admin, trouble, NEWEST).stream().map(this::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("trouble", trouble);
        model.addAttribute("max", NEWEST);
        model.addAttribute("nowhere", sender.transports().isEmpty());
        return LIST;
    }

    @PostMapping("/{id}/resend")
    String resend(@PathVariable long id, @RequestParam(defaultValue = "false") boolean trouble,
            @ModelAttribute(name = "admin", binding = false) Person admin, RedirectAttributes redirect) {
        outbox.resend(admin, id);
        redirect.addFlashAttribute("notice", "Email " + id + " will be sent again within a few seconds.");
        return trouble ? "redirect:/admin/emails?trouble=true" : "redirect:/admin/emails";
    }

    private Row row(OutboxEmail email) {
        String name = people.displayName(email.getRecipient());
        String to = (name == null ? email.getRecipient() : name) + " <" + email.getAddress() + ">";
        Instant whenAt = switch (email.getStatus()) {
            case SENT -> email.getSentAt();
            case PENDING -> email.getNextAttemptAt();
            case FAILED, SKIPPED -> null;
        };
        String when = switch (email.getStatus()) {
            case SENT -> "Sent " + times.dateTime(email.getSentAt());
            case PENDING -> "Next try " + times.dateTime(email.getNextAttemptAt());
            case FAILED -> "No more tries";
            case SKIPPED -> "";
        };
        return new Row(email.getId(), kindWords(email.getKind()), to, email.getRequestReference(),
                email.getSubject() == null ? "Not written yet: it is written when it is sent" : email.getSubject(),
                statusWords(email.getStatus(), email.getAttempts()), badge(email.getStatus()), email.getAttempts(),
                when, whenAt, email.getStatus() == Status.SKIPPED ? "Why it was not sent" : "Last error",
                email.getLastError(),
                email.getStatus() == Status.FAILED || email.getStatus() == Status.PENDING);
    }

    /** A status as an admin reads it; a waiting email that failed before says so. */
    static String statusWords(Status status, int tries) {
        return switch (status) {
            case PENDING -> tries == 0 ? "Waiting to be sent" : "Waiting to be tried again";
            case SENT -> "Sent";
            case FAILED -> "Failed";
            case SKIPPED -> "Not sent: no longer needed";
        };
    }

    private static String countWords(Status status) {
        return switch (status) {
            case PENDING -> "Waiting to be sent or tried again";
            case SENT -> "Sent";
            case FAILED -> "Failed after every try";
            case SKIPPED -> "Not sent: no longer needed";
        };
    }

    private static String badge(Status status) {
        return switch (status) {
            case SENT -> "badge--done";
            case FAILED -> "badge--pii";
            case PENDING -> "badge--status";
            case SKIPPED -> "badge--ended";
        };
    }

    private static String kindWords(EmailKind kind) {
        return switch (kind) {
            case TASK_WAITING -> "A task waits";
            case REMINDER -> "Reminder";
            case ESCALATION -> "Escalation";
            case STATUS_CHANGED -> "Status changed";
            case COMMENT_POSTED -> "New comment";
            case PARTNER_SIGNING -> "Signing link to a partner";
        };
    }
}
