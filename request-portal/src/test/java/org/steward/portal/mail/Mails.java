package org.steward.portal.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.steward.portal.TestMailServer;

/** Reads what the test SMTP server received, as a person reads their mail: to whom, subject, text and links. */
public final class Mails {

    private static final Pattern ACTION_LINE = Pattern.compile("^(.+): (https?://\\S+/act/\\S+)$", Pattern.MULTILINE);

    private Mails() {
    }

    /** One received email, read. */
    public record Mail(List<String> to, String subject, String text, String html, Map<String, String> headers) {

        /** The action links of a task email, by the label of their decision ("Approve" → its link). */
        public Map<String, String> actions() {
            Map<String, String> links = new LinkedHashMap<>();
            Matcher m = ACTION_LINE.matcher(text);
            while (m.find()) {
                links.put(m.group(1).strip(), m.group(2));
            }
            return links;
        }

        public boolean isTo(String address) {
            return to.contains(address);
        }

        /** The outbox row the email was sent from (its X-Steward-Email header); null for a stranger's email. */
        public Long outboxId() {
            String id = headers.get("X-Steward-Email");
            return id == null ? null : Long.valueOf(id.strip());
        }

        /** The HTML part as a person reads it: its text, entities decoded. */
        public String htmlText() {
            return Jsoup.parse(html).text();
        }

        /** Every link of the HTML part, by the words of the link (the last one wins for repeated words). */
        public Map<String, String> htmlLinks() {
            Map<String, String> links = new LinkedHashMap<>();
            Jsoup.parse(html).select("a[href]").forEach(a -> links.put(a.text(), a.attr("href")));
            return links;
        }

        /** The addresses of every link in the HTML part, in order. */
        public List<String> htmlHrefs() {
            return Jsoup.parse(html).select("a[href]").eachAttr("href");
        }
    }

    /** Every email received so far, read. */
    public static List<Mail> all() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : TestMailServer.received()) {
            mails.add(read(message));
        }
        return mails;
    }

    /** Every received email that matches, once at least {@code count} match; fails after 20 seconds. */
    public static List<Mail> await(int count, Predicate<Mail> which) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<Mail> found = all().stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Expected " + count + " matching emails within 20 s, got " + found.size()
                        + ". Subjects received: " + all().stream().map(m -> m.to() + " " + m.subject()).toList());
            }
            pause();
        }
    }

    /** Every received email sent from one of the outbox rows given. */
    public static List<Mail> fromRows(Collection<Long> outboxIds) {
        return all().stream().filter(m -> m.outboxId() != null && outboxIds.contains(m.outboxId())).toList();
    }

    /** The one email to the address whose subject contains the text. */
    public static Mail awaitOne(String address, String subjectPart) {
        return await(1, m -> m.isTo(address) && m.subject().contains(subjectPart)).get(0);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Mail read(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (Address a : message.getAllRecipients()) {
                to.add(a.toString());
            }
            String[] text = {""}, html = {""};
            collect(message.getContent(), text, html);
            Map<String, String> headers = new LinkedHashMap<>();
            var all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                var h = all.nextElement();
                headers.put(h.getName(), h.getValue());
            }
            return new Mail(to, message.getSubject(), text[0].replace("\r\n", "\n"), html[0], headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Object content, String[] text, String[] html) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text[0] = part.getContent().toString();
                } else if (part.isMimeType("text/html")) {
                    html[0] = part.getContent().toString();
                } else {
                    collect(part.getContent(), text, html);
                }
            }
        } else if (content instanceof String s) {
            text[0] = s;
        }
    }
}
