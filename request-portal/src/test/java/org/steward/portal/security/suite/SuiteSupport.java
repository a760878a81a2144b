package org.steward.portal.security.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.notifications.mailbox.DevMailbox;
import org.steward.portal.IntegrationTest;
import org.steward.portal.mail.Mails;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.FilePart;
import org.steward.portal.security.suite.Client.Reply;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * What the security suite's tests share: the cast (the demo people, nobody, and a member of Public Works staff with
 * no role), their browsers and API clients, requests brought to the states the cells need, and a snapshot of
 * everything a write could change.
 */
abstract class SuiteSupport extends IntegrationTest {

    /** Nobody logged in. */
    static final String ANONYMOUS = "(anonymous)";

    /** The demo people of PRODUCT.md, in the order the reports list them. */
    static final List<String> DEMO = List.of("alex", "sam", "fiona", "pat", "dana", "wes", "frank", "admin", "audrey");

    static final Pattern SIGN_LINK = Pattern.compile("(https?://\\S+)(/sign/[^\\s\"<]+)");
    static final Pattern ACT_LINK = Pattern.compile("(https?://[^/\\s]+)(/act/[^\\s\"<]+)");

    @Autowired
    protected PeopleService people;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected DevMailbox mailbox;

    private final Map<String, Client> browsers = new ConcurrentHashMap<>();

    /**
     * A member of Public Works staff (group staff-pw, which no demo person is in) with no other role: a person of
     * another department than the requester's, on nothing unless they ask for it themselves.
     */
    protected String newPublicWorksStaffMember() {
        String user = "pw-staff-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        people.createPerson(user, "Pia", "Staffer " + user, user + "@example.org", "demo");
        people.addToGroup(user, "staff-pw");
        return user;
    }

    /** The person's browser, logged in once through the login form and kept for the test class. */
    protected Client browser(String user) {
        if (ANONYMOUS.equals(user)) {
            return browsers.computeIfAbsent(user, u -> Client.nobody(port));
        }
        return browsers.computeIfAbsent(user, u -> Client.loggedIn(port, u));
    }

    /** The person's API client (HTTP Basic), or nobody's. */
    protected Client apiClient(String user) {
        return ANONYMOUS.equals(user) ? Client.nobody(port) : Client.basic(port, user);
    }

    protected Person person(String user) {
        return people.find(user).orElseThrow();
    }

    /** Submits a request over the API as the person given; answers its reference. */
    protected String submitAs(String user, Map<String, Object> body) {
        Answer answer = post(user, "/api/requests", body);
        if (answer.status() != 201) {
            throw new AssertionError("Submission by " + user + " refused: " + answer.status() + " " + answer.body());
        }
        return answer.body().get("reference").asText();
    }

    protected String submitAs(String user, String title, String... datasets) {
        return submitAs(user, requestBody(title, datasets));
    }

    /** A request for street maintenance work orders (an agreement, no privacy review), approved by Public Works. */
    protected String atSigning(String title) {
        String reference = submitAs("alex", title, "PW-WORK-ORDERS");
        expect(decide("sam", taskFor(reference, "stewards-pw"), "approve", null), 204, "sam approves " + reference);
        runJobs();
        return reference;
    }

    /** As above, signed by Wes and Dana: the agreement is in force and Public Works delivers. */
    protected String delivering(String title) {
        String reference = atSigning(title);
        expect(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference), 204, "wes signs");
        expect(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference), 204, "dana signs");
        runJobs();
        return reference;
    }

    /** As above, delivered: the agreement is in force and in its term, so it can be ended early. */
    protected String inForce(String title) {
        String reference = delivering(title);
        expect(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null), 204, "wes delivers");
        runJobs();
        return reference;
    }

    /** A request for street centerlines by Alex, sent back to him by Sam with changes requested. */
    protected String changesRequested(String title) {
        String reference = submitAs("alex", title, "PW-STREET-CENTERLINES");
        expect(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Say which streets you need."), 204,
                "sam asks for changes");
        runJobs();
        return reference;
    }

    /** The request body of a request to an outside partner, whose signatory signs through an emailed link. */
    protected static Map<String, Object> externalBody(String title, String organisation, String signatory,
            String email) {
        Map<String, Object> body = requestBody(title, "PW-WORK-ORDERS");
        body.put("recipient", Map.of("type", "EXTERNAL", "organisation", organisation, "signatoryName", signatory,
                "signatoryEmail", email));
        return body;
    }

    /** Brings a request to an outside partner through Public Works and the privacy office, to its signing. */
    protected void toPartnerSigning(String reference) {
        expect(decide("sam", taskFor(reference, "stewards-pw"), "approve", null), 204, "sam approves " + reference);
        runJobs();
        expect(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()), 204,
                "pat approves " + reference);
        runJobs();
    }

    /** The path of the signing link emailed to an outside partner about the agreement given. */
    protected String signingLink(String partnerEmail, String agreementNumber) {
        Mails.Mail mail = Mails.awaitOne(partnerEmail, agreementNumber);
        Matcher link = SIGN_LINK.matcher(mail.text());
        if (!link.find()) {
            throw new AssertionError("No signing link in " + mail.text());
        }
        return link.group(2);
    }

    /** The path of the action link for a decision ("Approve") in the person's task email about the request. */
    protected String actionLink(String user, String reference, String label) {
        Mails.Mail mail = Mails.await(1, m -> m.isTo(user + "@example.org") && m.subject().contains(reference)
                && m.actions().containsKey(label)).get(0);
        Matcher link = ACT_LINK.matcher(mail.actions().get(label));
        if (!link.find()) {
            throw new AssertionError("Not an action link: " + mail.actions().get(label));
        }
        return link.group(2);
    }

    /** The id of the newest in-app mailbox email to the person whose subject names the text, once it is there. */
    protected long mailboxEmail(String user, String subjectPart) {
        Person admin = person("admin");
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            var found = mailbox.newest(admin, false, 1000).stream().map(DevMailbox.Seen::message)
                    .filter(m -> user.equals(m.getRecipient()) && m.getSubject() != null
                            && m.getSubject().contains(subjectPart))
                    .findFirst();
            if (found.isPresent()) {
                return found.get().getId();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("No email to " + user + " about " + subjectPart + " in the mailbox");
            }
            pause(100);
        }
    }

    /** The request form's answers, as a browser posts them (multipart), with the datasets ticked. */
    protected static List<List<String>> formAnswers(Map<String, String> answers, String action, String... datasets) {
        List<List<String>> fields = new ArrayList<>();
        answers.forEach((name, value) -> fields.add(List.of(name, value)));
        for (String dataset : datasets) {
            fields.add(List.of("datasets", dataset));
        }
        fields.add(List.of("action", action));
        return fields;
    }

    /** The answers of a complete request to Community Development, field by field as the form names them. */
    protected static Map<String, String> formAnswers(String title) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("title", title);
        answers.put("purpose", "Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        answers.put("legalBasis", "City charter, planning authority");
        answers.put("recipientType", "INTERNAL");
        answers.put("recipientDepartment", "CD");
        answers.put("frequency", "ONE_TIME");
        answers.put("deliveryMethod", "Encrypted file transfer");
        answers.put("retention", "Deleted 12 months after delivery");
        answers.put("securityControls", "Stored on the planning file share, access limited to two analysts");
        answers.put("startDate", LocalDate.now().plusDays(30).toString());
        answers.put("endDate", LocalDate.now().plusDays(395).toString());
        return answers;
    }

    /** A small PDF as a browser uploads it, under the name given. */
    protected static FilePart pdf(String name) {
        return new FilePart("files", name, "application/pdf",
                "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Posts a form from the person's browser with the token its pages carry. */
    protected Reply postForm(String user, String path, Body body) {
        Client browser = browser(user);
        return browser.send("POST", path, body.with("_csrf", browser.csrf()), Map.of());
    }

    /** Submits the request form from the person's browser; answers the new request's reference. */
    protected String submitThroughTheForm(String user, Map<String, String> answers, List<FilePart> files,
            String... datasets) {
        Reply reply = postForm(user, "/requests/new", Body.multipart(formAnswers(answers, "submit", datasets), files));
        if (reply.status() != 302 || !reply.location().matches(".*/requests/DR-\\d{4}-\\d{4,}$")) {
            throw new AssertionError("The form was refused: " + reply.status() + " " + reply.location() + "\n"
                    + reply.text());
        }
        return reply.location().substring(reply.location().lastIndexOf('/') + 1);
    }

    /** Saves a draft from the person's browser; answers the draft's id. */
    protected long saveDraft(String user, Map<String, String> answers, List<FilePart> files, String... datasets) {
        Reply reply = postForm(user, "/requests/new", Body.multipart(formAnswers(answers, "draft", datasets), files));
        if (reply.status() != 302 || !reply.location().matches(".*/requests/drafts/\\d+$")) {
            throw new AssertionError("The draft was not saved: " + reply.status() + " " + reply.location() + "\n"
                    + reply.text());
        }
        return Long.parseLong(reply.location().substring(reply.location().lastIndexOf('/') + 1));
    }

    /**
     * Everything a write could change, in one line: Steward's records (requests and their versions, drafts, comments,
     * decisions, audit events, attachments, agreements and signatures, the catalogue, email choices) and the
     * engine's (running instances, open tasks and who has them, deployments, people, groups and memberships). Emails
     * are left out: the sender delivers earlier ones in the background.
     */
    protected String world() {
        String[] parts = {
            "SELECT COUNT(*) FROM data_request",
            "SELECT COALESCE(SUM(version), 0) FROM data_request",
            "SELECT COALESCE(SUM(revision), 0) FROM data_request",
            "SELECT COUNT(*) FROM request_draft",
            "SELECT COUNT(*) FROM request_attachment",
            "SELECT COUNT(*) FROM request_comment",
            "SELECT COUNT(*) FROM decision",
            "SELECT COUNT(*) FROM audit_event",
            "SELECT COUNT(*) FROM data_sharing_agreement",
            "SELECT COUNT(*) FROM data_sharing_agreement WHERE status = 'IN_FORCE'",
            "SELECT COUNT(*) FROM agreement_signature",
            "SELECT COUNT(*) FROM department",
            "SELECT COUNT(*) FROM dataset",
            "SELECT COUNT(*) FROM dataset_element",
            "SELECT COUNT(*) FROM email_opt_out",
            "SELECT COUNT(*) FROM ACT_RU_EXECUTION",
            "SELECT COUNT(*) FROM ACT_RU_TASK",
            "SELECT COUNT(*) FROM ACT_RU_TASK WHERE ASSIGNEE_ IS NOT NULL",
            "SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT",
            "SELECT COUNT(*) FROM ACT_ID_USER",
            "SELECT COUNT(*) FROM ACT_ID_GROUP",
            "SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP",
        };
        // One round trip: every count as a scalar subquery of one SELECT, which H2 and MariaDB both take.
        StringBuilder query = new StringBuilder("SELECT ");
        for (int i = 0; i < parts.length; i++) {
            query.append(i == 0 ? "" : ", ").append('(').append(parts[i]).append(')');
        }
        List<String> counts = new ArrayList<>();
        jdbc.query(query.toString(), row -> {
            for (int i = 1; i <= parts.length; i++) {
                counts.add(String.valueOf(row.getLong(i)));
            }
        });
        return String.join(",", counts);
    }

    /** Names what differs between two snapshots of {@link #world()}. */
    static String changes(String before, String after) {
        String[] names = {"requests", "request versions", "revisions", "drafts", "attachments", "comments",
            "decisions", "audit events", "agreements", "agreements in force", "signatures", "departments", "datasets",
            "dataset elements", "email choices", "engine executions", "open tasks", "claimed tasks", "deployments",
            "people", "groups", "memberships"};
        String[] a = before.split(","), b = after.split(",");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (!a[i].equals(b[i])) {
                changed.add(names[i] + " " + a[i] + " -> " + b[i]);
            }
        }
        return String.join("; ", changed);
    }

    /** A small process of its own key, with a start and an end only, that the deployment gate accepts. */
    static String probeModel(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/suite">
                  <bpmn:process id="%1$s" name="Suite probe %1$s" isExecutable="true"
                      camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);
    }

    protected static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    protected static void expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + answer.status() + " " + answer.body());
        }
    }

    protected JsonNode asJson(String text) {
        try {
            return json.readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
