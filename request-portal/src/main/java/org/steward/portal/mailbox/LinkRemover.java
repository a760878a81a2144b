package org.steward.portal.mailbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.steward.notifications.action.ActionLinks;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Takes the action and signing links out of an email shown to someone it was not sent to, on the server: each
 * button becomes a note saying whose it is, each link in the text the same note, and any link's token left
 * anywhere else (an attribute, a comment, another address) is removed too, found by its hash.
 */
@Component
class LinkRemover {

    /** An action or signing link: the portal's address (whatever its base), /act/ or /sign/, and the token. */
    static final Pattern LINK = Pattern.compile("(?:https?://[^\\s\"'<>]*?)?/(act|sign)/[A-Za-z0-9_-]+");
    /** A run as long as a token (32 random bytes in base64url), standing alone. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    private static final String SWEPT = "[link removed]";

    private final ActionLinks links;

    LinkRemover(ActionLinks links) {
        this.links = links;
    }

    /** Whether an email's body has an action or signing link. */
    static boolean hasLinks(String body) {
        return body != null && LINK.matcher(body).find();
    }

    /** "Action link removed: only Sam Sorensen can use it from their own mailbox". */
    static String note(String kind, String owner) {
        return ("sign".equals(kind) ? "Signing link" : "Action link") + " removed: only " + owner
                + " can use it from their own mailbox";
    }

    /** The plain-text body with every link replaced by its note, in brackets. */
    String text(String text, String owner) {
        if (text == null) {
            return null;
        }
        return sweep(replaceLinks(text, owner, false));
    }

    /** The HTML body with every button and link replaced by its note; the rest as it was. */
    String html(String html, String owner) {
        if (html == null) {
            return null;
        }
        Document email = Jsoup.parse(html);
        email.outputSettings().prettyPrint(false);
        for (Element anchor : email.select("a[href]")) {
            Matcher link = LINK.matcher(anchor.attr("href"));
            if (link.find()) {
                Element note = new Element("div");
                String label = anchor.text().strip();
                if (!label.isEmpty()) {
                    note.appendElement("strong").text("[" + label + "]");
                    note.appendText(" ");
                }
                note.appendText(note(link.group(1), owner) + ".");
                anchor.replaceWith(note);
            }
        }
        return sweep(replaceLinks(email.outerHtml(), owner, true));
    }

    private static String replaceLinks(String body, String owner, boolean html) {
        Matcher link = LINK.matcher(body);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String note = "[" + note(link.group(1), owner) + "]";
            link.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(note) : note));
        }
        return link.appendTail(out).toString();
    }

    /** Whatever remains that is a link's token, in any surroundings. */
    private String sweep(String body) {
        Matcher candidate = TOKEN_LIKE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (candidate.find()) {
            candidate.appendReplacement(out,
                    Matcher.quoteReplacement(links.isToken(candidate.group()) ? SWEPT : candidate.group()));
        }
        return candidate.appendTail(out).toString();
    }
}
