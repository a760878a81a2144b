package org.steward.portal.security.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.CsvText;
import org.steward.portal.mail.Mails;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.Reply;

/**
 * Stored cross-site scripting: a distinct payload (script tags, broken-out attributes, event handlers, javascript:
 * URLs, SVG, iframes, template syntax, spreadsheet formulas) in every free-text field a person can type, from the
 * admin's forms (people, departments, datasets, groups) to the request form and its draft, comments, decisions,
 * privacy answers and conditions, typed names, reasons and file names; then every page, CSV, PDF and email that shows
 * them must show them as typed, with no element or attribute of the payload live.
 */
class StoredXssTest extends SuiteSupport {

    /** The payloads, each with its field's marker (xss01 ... xss40) where a live one would carry it. */
    private static final List<String> KINDS = List.of(
            "<script>alert('%s')</script>",
            "\"><img src=x onerror=alert('%s')>",
            "javascript:alert('%s')",
            "{{7*7}} ${7*7} #{7*7} [[${7*7}]] [(${7*7})] {{title}} {{number}} %s",
            "</textarea><svg onload=alert('%s')>",
            "<svg/onload=alert('%s')>",
            "' onmouseover='alert(1)' data-xss='%s",
            "=HYPERLINK(\"http://evil.example/%s\",\"open\")",
            "<iframe srcdoc=\"<script>parent.alert('%s')</script>\"></iframe>",
            "</title><b data-xss=\"%s\">bold</b>",
            "<a href=\"javascript:alert('%s')\">click</a>",
            "<style>body{background:url('http://evil.example/%s')}</style>");

    private static final String PASSWORD = "a long password for the steward";

    /**
     * Fields kept but shown on no page, document or email today (the privacy office's answers stay with the engine's
     * task): typed all the same, so that a page that starts showing them is checked at once.
     */
    private static final Set<String> SHOWN_NOWHERE_YET = Set.of("privacy: personal data involved",
            "privacy: legal authority");
    private static final Pattern MARKER = Pattern.compile("xss\\d\\d");

    @Autowired
    private EmailOutbox outbox;

    /** Field name → its payload, in the order they are typed. */
    private final Map<String, String> payloads = new LinkedHashMap<>();
    private final Map<String, String> fieldOf = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Set<String>> shownOn = new TreeMap<>();
    private int pageViews;
    private int emails;
    private int documents;

    /** The payload of a field: one kind, or all of them for the long fields. */
    private String typed(String field, boolean all) {
        String marker = String.format("xss%02d", payloads.size() + 1);
        String payload;
        if (all) {
            List<String> every = new ArrayList<>();
            for (String kind : KINDS) {
                every.add(kind.formatted(marker));
            }
            payload = String.join(" ", every);
        } else {
            payload = KINDS.get(payloads.size() % KINDS.size()).formatted(marker);
        }
        payloads.put(field, payload);
        fieldOf.put(marker, field);
        return payload;
    }

    private String typed(String field) {
        return typed(field, false);
    }

    @Test
    void everyFreeTextFieldIsShownAsTypedOnEveryPageCsvPdfAndEmail() throws Exception {
        // An admin sets up a department with a steward who is its director and custodian, through the admin forms.
        String steward = fresh("xss-steward");
        String firstName = typed("person: first name");
        String lastName = typed("person: last name");
        ok(postForm("admin", "/admin/people", Body.form(Map.of("userId", steward, "firstName", firstName,
                "lastName", lastName, "email", steward + "@example.org", "password", PASSWORD))), "person created");
        String stewardName = firstName + " " + lastName;
        String code = "XSS-" + Long.toString(System.nanoTime() % 100_000_000L, 36).toUpperCase();
        String stewards = fresh("xss-stewards");
        String custodians = fresh("xss-custodians");
        ok(postForm("admin", "/admin/departments", Body.form(Map.of("code", code, "name",
                typed("department: name"), "staffGroup", fresh("xss-staff"), "stewardGroup", stewards,
                "custodianGroup", custodians, "signatory", steward))), "department created");
        ok(postForm("admin", "/admin/people/" + steward + "/groups", Body.form(Map.of("group", stewards))),
                "steward added");
        ok(postForm("admin", "/admin/people/" + steward + "/groups", Body.form(Map.of("group", custodians))),
                "custodian added");
        ok(postForm("admin", "/admin/people/" + steward + "/groups/new", Body.form(Map.of("newGroup",
                fresh("xss-club"), "newGroupName", typed("group: name")))), "group created");
        String dataset = code + "-DATA";
        ok(postForm("admin", "/admin/datasets", Body.form(Map.of("code", dataset, "name", typed("dataset: name"),
                "description", typed("dataset: description", true), "department", code, "classification",
                "INTERNAL", "elements", "xss_element"))), "dataset created");
        Client stewardBrowser = Client.loggedIn(port, steward, PASSWORD);
        for (String path : List.of("/admin", "/admin/people", "/admin/people/" + steward, "/admin/departments",
                "/admin/departments/" + code + "/edit", "/admin/datasets", "/admin/datasets/" + dataset + "/edit")) {
            look("admin", browser("admin"), path);
        }

        // Alex types every field of the request form, to an outside partner, with a file, and keeps it as a draft.
        String partnerEmail = fresh("o-hara") + ".o'hara@partner.example.org";
        Map<String, String> answers = formAnswers(typed("request: title"));
        answers.put("purpose", typed("request: purpose", true));
        answers.put("legalBasis", typed("request: legal basis"));
        answers.put("deliveryMethod", typed("request: delivery method"));
        answers.put("retention", typed("request: retention"));
        answers.put("securityControls", typed("request: security controls", true));
        answers.remove("recipientDepartment");
        answers.put("recipientType", "EXTERNAL");
        answers.put("recipientOrganisation", typed("request: recipient organisation"));
        String partnerName = typed("request: partner's signatory name");
        answers.put("recipientSignatoryName", partnerName);
        answers.put("recipientSignatoryEmail", partnerEmail);
        String fileName = "<img src=x onerror=alert('" + marker("attachment: file name") + "')>.pdf";
        long draft = saveDraft("alex", answers, List.of(pdf(fileName)), dataset);
        look("alex", browser("alex"), "/requests/drafts/" + draft);
        look("alex", browser("alex"), "/requests");
        look("alex", browser("alex"), "/requests?status=DRAFT");

        Reply submitted = postForm("alex", "/requests/drafts/" + draft, Body.multipart(formAnswers(answers,
                "submit", dataset), List.of()));
        assertThat(submitted.status()).as("submitted from the draft: %s", submitted.text()).isEqualTo(302);
        String reference = submitted.location().substring(submitted.location().lastIndexOf('/') + 1);
        ok(postForm("alex", "/requests/" + reference + "/comments", Body.form(Map.of("body",
                typed("comment: by the requester", true)))), "alex comments");
        ok(send(stewardBrowser, "/requests/" + reference + "/comments", Body.form(Map.of("body",
                typed("comment: by the steward", true)))), "the steward comments");

        // The steward asks for changes on the task page; Alex revises and sends it round again.
        String review = taskFor(reference, stewards);
        look(steward, stewardBrowser, "/");
        look(steward, stewardBrowser, "/tasks");
        look(steward, stewardBrowser, "/tasks/" + review);
        ok(send(stewardBrowser, "/tasks/" + review, Body.form(Map.of("decision", "changes", "comment",
                typed("decision: comment asking for changes", true)))), "changes asked");
        runJobs();
        look("alex", browser("alex"), "/requests/" + reference + "/revise");
        look("alex", browser("alex"), "/tasks");
        look("alex", browser("alex"), "/tasks/" + taskAssignedTo(reference, "alex"));
        // The first round's email went out, or was dropped if the steward decided before the sender reached it.
        awaitSent(reference);
        int emailsBefore = actionEmails(steward, reference, "Approve").size();
        ok(postForm("alex", "/requests/" + reference + "/revise", Body.multipart(formAnswers(answers, "send",
                dataset), List.of())), "sent round again");
        runJobs();

        // The steward approves through the action link in their email, with a comment, without logging in.
        String approve = newestActionLink(steward, reference, "Approve", emailsBefore + 1);
        Client stranger = Client.nobody(port);
        look("(the link)", stranger, approve);
        ok(send(stranger, approve, Body.form(Map.of("comment", typed("decision: comment through the email link",
                true)))), "approved through the link");
        runJobs();

        // The privacy office approves with conditions, answering its questions in words, on the task page.
        String privacy = taskFor(reference, "privacy-office");
        look("pat", browser("pat"), "/tasks/" + privacy);
        ok(postForm("pat", "/tasks/" + privacy, Body.form(Client.pairs("decision", "approve_with_conditions",
                "comment", typed("decision: privacy office's comment", true),
                "fields[conditions]", typed("decision: privacy conditions", true),
                "fields[personalData]", typed("privacy: personal data involved", true),
                "fields[legalAuthority]", typed("privacy: legal authority", true),
                "fields[leavesCity]", "true", "fields[identifiersRemovable]", "true",
                "fields[retentionAcceptable]", "true", "fields[fullAssessmentNeeded]", "false"))),
                "privacy approved with conditions");
        runJobs();

        // Signing: the steward, who directs the department, on the task page; the partner through the link.
        String number = agreement("alex", reference).get("number").asText();
        String hash = agreement("alex", reference).get("sha256").asText();
        checkAgreementText("agreement text (API) at signing", agreement("alex", reference).get("text").asText());
        String signing = taskAssignedTo(reference, steward);
        look(steward, stewardBrowser, "/tasks/" + signing);
        String signLink = signingLink(partnerEmail, number);
        look("(the partner)", stranger, signLink);
        look("alex", browser("alex"), "/agreements/" + number);
        look("admin", browser("admin"), "/admin/agreement-template?request=" + reference);
        ok(send(stewardBrowser, "/tasks/" + signing, Body.form(Client.pairs("decision", "sign",
                "fields[typedName]", stewardName, "fields[consent]", "true", "fields[documentHash]", hash))),
                "the steward signs");
        Reply partnerSigned = send(stranger, signLink, Body.form(Map.of("typedName", partnerName, "consent", "true",
                "documentHash", hash)));
        assertThat(partnerSigned.status()).as("the partner signs: %s", partnerSigned.text()).isEqualTo(200);
        check("(the partner) POST " + signLink, partnerSigned.text());
        runJobs();
        ok(send(stewardBrowser, "/tasks/" + taskFor(reference, custodians), Body.form(Map.of("decision",
                "delivered", "comment", typed("decision: delivery comment", true)))), "delivered");
        runJobs();
        look("alex", browser("alex"), "/agreements/" + number);
        pdf("alex", "/agreements/" + number + "/pdf");
        ok(send(stewardBrowser, "/agreements/" + number + "/terminate", Body.form(Map.of("reason",
                typed("agreement: reason to end it early", true), "confirm", "true"))), "ended early");
        runJobs();

        // A second request, declined by the recipient's director with a reason; a third, withdrawn with one.
        String declined = submitAs("alex", requestBody("XSS: to be declined", dataset));
        Client stewardApi = Client.basic(port, steward, PASSWORD);
        assertThat(stewardApi.send("POST", "/api/tasks/" + taskFor(declined, stewards) + "/complete",
                Body.json("{\"decision\":\"approve\"}"), Map.of()).status()).isEqualTo(204);
        runJobs();
        ok(postForm("dana", "/tasks/" + taskAssignedTo(declined, "dana"), Body.form(Client.pairs("decision",
                "decline", "fields[reason]", typed("signing: reason to decline", true)))), "dana declines");
        runJobs();
        String withdrawn = submitAs("alex", requestBody("XSS: to be withdrawn", dataset));
        ok(postForm("alex", "/requests/" + withdrawn + "/withdraw", Body.form(Map.of("confirm", "true", "reason",
                typed("request: reason to withdraw", true)))), "withdrawn");
        runJobs();

        // Every page that shows what was typed, as each person sees it.
        for (String path : List.of("/requests/" + reference, "/requests/" + declined, "/requests/" + withdrawn,
                "/requests", "/requests?q=xss", "/", "/tasks", "/agreements", "/agreements/" + number,
                "/requests/" + reference + "/status")) {
            look("alex", browser("alex"), path);
        }
        for (String path : List.of("/requests/" + reference, "/requests/" + declined, "/tasks", "/",
                "/agreements")) {
            look(steward, stewardBrowser, path);
        }
        look("pat", browser("pat"), "/requests/" + reference);
        look("dana", browser("dana"), "/requests/" + declined);
        look("audrey", browser("audrey"), "/requests/" + reference);
        look("audrey", browser("audrey"), "/reports");
        // The audit trail shows what was typed in its events' details: comments, reasons, names, changes.
        for (String ref : List.of(reference, declined, withdrawn)) {
            look("audrey", browser("audrey"), "/audit?reference=" + ref);
        }
        look("admin", browser("admin"), "/audit?actor=admin");
        for (String path : List.of("/admin/emails", "/admin/agreement-template?request=" + reference,
                "/admin/people/" + steward, "/reports")) {
            look("admin", browser("admin"), path);
        }
        csv("alex", "/agreements.csv");
        csv("admin", "/agreements.csv?q=" + reference);
        csv("alex", "/api/agreements?format=csv");
        csv("admin", "/reports.csv");
        csv("audrey", "/audit.csv?reference=" + reference);
        csv("admin", "/api/audit?format=csv&reference=" + withdrawn);
        checkAgreementText("agreement text (API) in force", agreement("alex", reference).get("text").asText());

        // Every email about them, as sent (GreenMail) and as the in-app mailbox shows it.
        awaitSent(reference, declined, withdrawn);
        for (Mails.Mail mail : Mails.all()) {
            if (MARKER.matcher(mail.subject() + mail.text() + mail.html()).find()) {
                emails++;
                checkEmail(mail);
            }
        }
        mailboxPages(steward, stewardBrowser);

        report();
    }

    // ---- Looking at what was typed.

    private String marker(String field) {
        String marker = String.format("xss%02d", payloads.size() + 1);
        String payload = "<img src=x onerror=alert('" + marker + "')>.pdf";
        payloads.put(field, payload);
        fieldOf.put(marker, field);
        return marker;
    }

    private void look(String who, Client browser, String path) {
        Reply reply = browser.get(path);
        if (reply.status() != 200) {
            failures.add(who + " GET " + path + ": answered " + reply.status() + " " + reply.location());
            return;
        }
        pageViews++;
        check(who + " GET " + path, reply.text());
    }

    private void check(String where, String html) {
        Document page = Jsoup.parse(html);
        for (Element element : page.getAllElements()) {
            String live = live(element);
            if (live != null) {
                failures.add(where + ": LIVE markup from " + fieldsIn(element.outerHtml()) + ": " + live);
            }
        }
        StringBuilder shown = new StringBuilder(page.text());
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase();
                if (!name.startsWith("on") && !name.equals("href") && !name.equals("src")) {
                    shown.append(' ').append(attribute.getValue());
                }
            }
        }
        String text = squeeze(shown.toString());
        Matcher markers = MARKER.matcher(html);
        Set<String> found = new TreeSet<>();
        while (markers.find()) {
            found.add(markers.group());
        }
        for (String marker : found) {
            String field = fieldOf.get(marker);
            if (field == null) {
                continue;
            }
            shownOn.computeIfAbsent(field, f -> new TreeSet<>()).add(where);
            if (!text.contains(squeeze(payloads.get(field)))) {
                failures.add(where + ": " + field + " is not shown as typed");
            }
        }
    }

    /** What makes an element live markup of a payload, or null. */
    private static String live(Element element) {
        for (Attribute attribute : element.attributes()) {
            String name = attribute.getKey().toLowerCase();
            String value = attribute.getValue();
            if (name.startsWith("on") && (value.contains("alert") || MARKER.matcher(value).find())) {
                return "an event handler " + name + "=\"" + value + "\"";
            }
            if ((name.equals("data-xss") || name.equals("srcdoc")) && MARKER.matcher(value).find()) {
                return "an attribute " + name + " of the payload";
            }
            if (List.of("href", "src", "action", "formaction", "xlink:href").contains(name)
                    && value.strip().toLowerCase().startsWith("javascript:")) {
                return "a javascript: address in " + name;
            }
        }
        String tag = element.tagName().toLowerCase();
        if ((tag.equals("script") || tag.equals("style")) && MARKER.matcher(element.data()).find()) {
            return "a " + tag + " element with the payload inside";
        }
        if ((tag.equals("svg") || tag.equals("iframe") || tag.equals("img")) && MARKER.matcher(element.outerHtml())
                .find() && !element.hasText()) {
            return "an element " + tag + " of the payload";
        }
        return null;
    }

    private String fieldsIn(String html) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(html);
        while (m.find()) {
            fields.add(fieldOf.getOrDefault(m.group(), m.group()));
        }
        return fields.toString();
    }

    /** The agreement's XHTML: the document the PDF is drawn from and that pages clean and show. */
    private void checkAgreementText(String where, String xhtml) {
        documents++;
        check(where, xhtml);
    }

    private void pdf(String who, String path) throws Exception {
        Reply reply = browser(who).get(path);
        if (reply.status() != 200) {
            failures.add(who + " GET " + path + ": answered " + reply.status());
            return;
        }
        documents++;
        String text;
        try (PDDocument document = Loader.loadPDF(reply.bytes())) {
            text = new PDFTextStripper().getText(document);
        }
        String flat = text.replaceAll("\\s+", "");
        Matcher markers = MARKER.matcher(flat);
        Set<String> found = new TreeSet<>();
        while (markers.find()) {
            found.add(markers.group());
        }
        for (String marker : found) {
            String field = fieldOf.get(marker);
            if (field != null) {
                shownOn.computeIfAbsent(field, f -> new TreeSet<>()).add(who + " PDF " + path);
                if (!flat.contains(payloads.get(field).replaceAll("\\s+", ""))) {
                    failures.add(who + " PDF " + path + ": " + field + " is not written as typed");
                }
            }
        }
    }

    private void csv(String who, String path) {
        Reply reply = browser(who).get(path);
        if (reply.status() != 200) {
            failures.add(who + " GET " + path + ": answered " + reply.status());
            return;
        }
        documents++;
        for (List<String> row : CsvText.parse(reply.text())) {
            for (String cell : row) {
                Matcher marker = MARKER.matcher(cell);
                if (!marker.find() || fieldOf.get(marker.group()) == null) {
                    continue;
                }
                String field = fieldOf.get(marker.group());
                shownOn.computeIfAbsent(field, f -> new TreeSet<>()).add(who + " CSV " + path);
                if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                    failures.add(who + " CSV " + path + ": a cell a spreadsheet runs as a formula: " + cell);
                }
                if (!cell.contains(payloads.get(field))) {
                    failures.add(who + " CSV " + path + ": " + field + " is not written as typed: " + cell);
                }
            }
        }
    }

    private void checkEmail(Mails.Mail mail) {
        String where = "email to " + mail.to() + " \"" + mail.subject() + "\"";
        if (!mail.html().isBlank()) {
            check(where + " (HTML)", mail.html());
        }
        String text = squeeze(mail.subject() + " " + mail.text());
        Matcher markers = MARKER.matcher(text);
        Set<String> found = new TreeSet<>();
        while (markers.find()) {
            found.add(markers.group());
        }
        for (String marker : found) {
            String field = fieldOf.get(marker);
            if (field != null) {
                shownOn.computeIfAbsent(field, f -> new TreeSet<>()).add(where + " (text)");
                if (!text.contains(squeeze(payloads.get(field)))) {
                    failures.add(where + " (text): " + field + " is not written as typed");
                }
            }
        }
    }

    private void mailboxPages(String steward, Client stewardBrowser) {
        look("admin", browser("admin"), "/dev/mailbox");
        look(steward, stewardBrowser, "/dev/mailbox");
        look("alex", browser("alex"), "/dev/mailbox");
        var admin = person("admin");
        for (var seen : mailbox.newest(admin, false, 1000)) {
            var message = seen.message();
            String all = message.getSubject() + message.getBodyText() + message.getBodyHtml();
            if (!MARKER.matcher(all == null ? "" : all).find()) {
                continue;
            }
            look("admin", browser("admin"), "/dev/mailbox/" + message.getId());
            look("admin", browser("admin"), "/dev/mailbox/" + message.getId() + "/html");
            if (steward.equals(message.getRecipient())) {
                look(steward, stewardBrowser, "/dev/mailbox/" + message.getId());
                look(steward, stewardBrowser, "/dev/mailbox/" + message.getId() + "/html");
            }
        }
    }

    private void awaitSent(String... references) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            boolean waiting = false;
            for (String reference : references) {
                waiting |= outbox.about(reference).stream().anyMatch(e -> e.getStatus() == OutboxEmail.Status.PENDING);
            }
            if (!waiting) {
                return;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Emails about " + List.of(references) + " still wait after 60 s");
            }
            pause(100);
        }
    }

    private static List<Mails.Mail> actionEmails(String user, String reference, String label) {
        return Mails.all().stream().filter(actionEmail(user, reference, label)).toList();
    }

    private static java.util.function.Predicate<Mails.Mail> actionEmail(String user, String reference, String label) {
        return m -> m.isTo(user + "@example.org") && m.subject().contains(reference) && m.actions().containsKey(label);
    }

    private String newestActionLink(String user, String reference, String label, int count) {
        List<Mails.Mail> mails = Mails.await(count, actionEmail(user, reference, label));
        Matcher link = ACT_LINK.matcher(mails.get(mails.size() - 1).actions().get(label));
        assertThat(link.find()).isTrue();
        return link.group(2);
    }

    private Reply send(Client browser, String path, Body body) {
        return browser.send("POST", path, body.with("_csrf", browser.csrf()), Map.of());
    }

    private static void ok(Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s %s", what, reply.location(), reply.text()).isIn(200, 302);
        assertThat(reply.location()).as(what).doesNotContain("/login");
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private void report() {
        System.out.printf("Stored XSS: %d free-text fields, %d page views, %d documents (CSV, PDF, agreement text), "
                + "%d emails; %d problems%n", payloads.size(), pageViews, documents, emails, failures.size());
        payloads.keySet().forEach(field -> System.out.println("  XSS shown: " + field + " on "
                + shownOn.getOrDefault(field, Set.of()).size() + " views"));
        shownOn.forEach((field, where) -> System.out.println("  XSS where: " + field + " -> " + where));
        failures.forEach(f -> System.out.println("  XSS " + f));
        List<String> nowhere = payloads.keySet().stream()
                .filter(f -> !shownOn.containsKey(f) && !SHOWN_NOWHERE_YET.contains(f)).toList();
        assertThat(nowhere).as("fields typed but shown nowhere: the test would prove nothing for them").isEmpty();
        assertThat(failures).as("payloads shown otherwise than as typed").isEmpty();
    }
}
