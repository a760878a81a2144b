package org.steward.portal.task;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.portal.system.Connections;
import org.steward.notifications.action.ActionLinks;
import org.steward.notifications.action.LinkCheck;
import org.steward.workflow.logs.LogContext;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskView;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind an email's action link ({@code /act/{token}}): opening it shows the request and the decision and
 * changes nothing; confirming takes the decision as the link's person. A dead link says why and what to do instead.
 * The link is its person's credential, usable without logging in; but someone logged in as another person is not
 * that person, so they get neither the form nor the decision (the history would name the link's person).
 */
@Controller
@RequestMapping("/act/{token}")
class ActionLinkController {

    private static final Logger log = LoggerFactory.getLogger(ActionLinkController.class);
    private static final String VIEW = "tasks/act";

    private final ActionLinks links;
    private final RequestService requests;
    private final Inbox tasks;
    private final RequestSummaries summaries;
    private final TaskWords words;
    private final PeopleService people;

    ActionLinkController(ActionLinks links, RequestService requests, Inbox tasks,
            RequestSummaries summaries, TaskWords words, PeopleService people) {
        this.links = links;
        this.requests = requests;
        this.tasks = tasks;
        this.summaries = summaries;
        this.words = words;
        this.people = people;
    }

    @GetMapping
    String open(@PathVariable String token, Authentication authentication, Model model,
            HttpServletResponse response) {
        model.addAttribute("token", token);
        LinkCheck link = inLogContext(links.open(token));
        if (someoneElse(link, authentication)) {
            return notYours(link, authentication, model, response);
        }
        return show(link, null, null, model, response);
    }

    @PostMapping
    String confirm(@PathVariable String token, @RequestParam(required = false) String comment,
            Authentication authentication, HttpServletRequest request, Model model, HttpServletResponse response) {
        model.addAttribute("token", token);
        String typed = comment == null || comment.isBlank() ? null : comment.strip();
        LinkCheck before = inLogContext(links.open(token));
        if (someoneElse(before, authentication)) {
            return notYours(before, authentication, model, response);
        }
        try {
            ActionLinks.Confirmation done;
            try {
                done = links.act(token, typed, Connections.clientOf(request));
            } catch (RuntimeException failure) {
                if (!TaskCommands.clash(failure)) {
                    throw failure;
                }
                // The task's reminder fired at the same moment; nothing of the first try was kept, so once more.
                done = links.act(token, typed, Connections.clientOf(request));
            }
            if (done.completed()) {
                return done(done.link(), model);
            }
            return show(done.link(), null, typed, model, response);
        } catch (StewardProblem refused) {
            return switch (refused.kind()) {
                case INVALID -> show(links.open(token), String.join(" ", refused.fieldErrors().isEmpty()
                        ? List.of(refused.getMessage()) : refused.fieldErrors().values()), typed, model, response);
                // Refused for another reason (no longer a candidate, completed at the same moment): the link's page
                // says which, as it is now.
                default -> show(links.open(token), null, typed, model, response);
            };
        }
    }

    /**
     * The link stands for its person: the lines logged from here on name the link's person and request (never the
     * token, which is as good as a password until the link is used).
     */
    private static LinkCheck inLogContext(LinkCheck link) {
        LogContext.request(link.reference());
        LogContext.user(link.personId());
        return link;
    }

    /** Whether a usable link is opened by someone logged in as another person than the one it was sent to. */
    private static boolean someoneElse(LinkCheck link, Authentication authentication) {
        return link.state() == LinkCheck.State.VALID && authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && !authentication.getName().equals(link.personId());
    }

    /** The link is another person's: say whose, and how the one logged in decides for themselves instead. */
    private String notYours(LinkCheck link, Authentication authentication, Model model, HttpServletResponse response) {
        model.addAttribute("link", link);
        model.addAttribute("someoneElse", people.displayName(authentication.getName()));
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return VIEW;
    }

    private String show(LinkCheck link, String error, String comment, Model model, HttpServletResponse response) {
        model.addAttribute("link", link);
        model.addAttribute("error", error);
        model.addAttribute("comment", comment == null ? "" : comment);
        model.addAttribute("expires", words.dateTime(link.expiresAt()));
        model.addAttribute("usedAt", words.dateTime(link.usedAt()));
        model.addAttribute("decidedAt", link.decided() == null ? null : words.dateTime(link.decided().time()));
        model.addAttribute("decidedOutcome", link.decided() == null ? null
                : words.outcome(link.decided().outcome(), link.decided().outcomeLabel()));
        if (link.state() == LinkCheck.State.VALID) {
            requests.byReference(link.reference()).ifPresent(r -> model.addAttribute("summary", summaries.of(r)));
        }
        if (link.state() == LinkCheck.State.USED) {
            whereItStands(link, model);
        }
        if (link.state() != LinkCheck.State.VALID) {
            log.info("Refused an action link: {}", why(link.state()));
        }
        response.setStatus(switch (link.state()) {
            case VALID -> error == null ? HttpStatus.OK.value() : HttpStatus.BAD_REQUEST.value();
            case USED, EXPIRED, VOIDED -> HttpStatus.GONE.value();
            case NOT_YOURS -> HttpStatus.FORBIDDEN.value();
            case NOT_FOUND -> HttpStatus.NOT_FOUND.value();
        });
        return VIEW;
    }

    private static String why(LinkCheck.State state) {
        return switch (state) {
            case USED -> "it was used already";
            case EXPIRED -> "it has expired";
            case VOIDED -> "its step is done, cancelled or given to someone else";
            case NOT_YOURS -> "its person is no longer one the step waits for";
            case NOT_FOUND -> "no link has this token (mistyped, cut short or made up)";
            case VALID -> "it is valid";
        };
    }

    /** After the decision: what the person did, and where the request goes next. */
    private String done(LinkCheck link, Model model) {
        model.addAttribute("link", link);
        model.addAttribute("done", true);
        whereItStands(link, model);
        return VIEW;
    }

    /** The request's status and the steps it waits on now (none for a moment while the engine moves it on). */
    private void whereItStands(LinkCheck link, Model model) {
        DataRequest request = requests.byReference(link.reference()).orElseThrow();
        model.addAttribute("status", words.status(request.getStatus(), request.getStatusStep()));
        model.addAttribute("nextSteps",
                tasks.currentTasks(link.reference()).stream().map(TaskView::name).distinct().toList());
    }
}
