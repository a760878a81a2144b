package org.steward.portal.mailbox;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The in-app mailbox ({@code /dev/mailbox}): the newest emails its reader may see, and one email as its reader
 * received it, its HTML shown in a sandbox where no script runs but links still open the portal. Someone else's
 * email (only admins see those) comes with its links removed, by {@link MailboxReading}, on every route here.
 */
@Controller
@RequestMapping("/dev/mailbox")
class MailboxController {

    static final String LIST = "mailbox/list";
    static final String MESSAGE = "mailbox/message";
    static final int NEWEST = 100;
    /**
     * The sandbox of the email's frame (templates/mailbox/message.html), repeated by the HTML's own header so that an
     * email cannot run script even when its HTML is opened alone; its inline styles are all it may use.
     */
    static final String HTML_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox "
            + "allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'";

    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    private final MailboxReading reading;
    private final MailboxAccess access;

    MailboxController(MailboxReading reading, MailboxAccess access) {
        this.reading = reading;
        this.access = access;
    }

    @GetMapping
    String list(Authentication authentication, Model model) {
        Person reader = reading.reader(authentication);
        model.addAttribute("rows", reading.newest(reader, NEWEST));
        model.addAttribute("everyone", PeopleService.isAdmin(reader));
        model.addAttribute("partners", access.standsInForPartners());
        model.addAttribute("max", NEWEST);
        model.addAttribute("receiving", access.receiving());
        model.addAttribute("smtpHost", access.smtpHost());
        return LIST;
    }

    @GetMapping("/{id}")
    String message(@PathVariable long id, Authentication authentication, Model model) {
        model.addAttribute("message", reading.letter(authentication, id));
        return MESSAGE;
    }

    /** The email's HTML for the sandboxed frame of its page: its links open in the whole window. */
    @GetMapping("/{id}/html")
    ResponseEntity<String> html(@PathVariable long id, Authentication authentication) {
        MailboxReading.Letter letter = reading.letter(authentication, id);
        if (letter.html() == null) {
            throw StewardProblem.notFound("The HTML of email " + id);
        }
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", HTML_POLICY).body(linksOnTop(letter.html()));
    }

    /** The mailbox does not exist for those who may not open it, as anything else they may not see. */
    /**
     * Inside the sandboxed frame a link would open the portal in the frame itself, where the confirm page's form could
     * not be sent; a base target sends every link to the whole window instead, as a mail client opens a browser.
     */
    static String linksOnTop(String html) {
        String base = "<base target=\"_top\">";
        Matcher head = HEAD.matcher(html);
        return head.find() ? html.substring(0, head.end()) + base + html.substring(head.end()) : base + html;
    }
}
