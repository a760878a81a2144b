package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;

/** What the tests of the request form, drafts, revisions and the list share: people, answers, files, HTML. */
abstract class RequestPageSupport extends IntegrationTest {

    @Autowired
    protected PeopleService people;

    /** A page as a browser asks for it: the address as given, already encoded (a space as %20). */
    protected static MockHttpServletRequestBuilder open(String path) {
        return MockMvcRequestBuilders.get(java.net.URI.create(path));
    }

    /** A form without files as a browser posts it. */
    protected static MockHttpServletRequestBuilder postTo(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    /** A page without its security tokens, which differ on every answer, to compare two pages. */
    protected static String withoutTokens(String html) {
        return html.replaceAll("(name=\"_csrf\"[^>]*?(content|value)=\")[^\"]*\"", "$1\"");
    }

    /** A person's browser session, logged in with HTTP Basic (which needs no CSRF token, but sends one anyway). */
    protected static RequestPostProcessor as(String user) {
        return httpBasic(user, "demo");
    }

    /** A new member of staff with password "demo" and no requests yet, so their lists are theirs alone. */
    protected String newPerson(String prefix, String... groups) {
        String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        people.createPerson(user, "Test", "Person " + user, user + "@example.org", "demo");
        for (String group : groups) {
            people.addToGroup(user, group);
        }
        return user;
    }

    /** The answers of a complete request, as the form's fields send them. */
    protected static Map<String, String> answers(String title) {
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

    /**
     * The form posted as a browser posts it (multipart, for its file input), with the answers, the datasets ticked
     * and the elements ticked ("CODE:element").
     */
    protected static MockMultipartHttpServletRequestBuilder form(String path, Map<String, String> answers,
            List<String> datasets, List<String> elements, MockMultipartFile... files) {
        MockMultipartHttpServletRequestBuilder post = multipart(path);
        answers.forEach(post::param);
        if (!datasets.isEmpty()) {
            post.param("datasets", datasets.toArray(String[]::new));
        }
        if (!elements.isEmpty()) {
            post.param("elements", elements.toArray(String[]::new));
        }
        for (MockMultipartFile file : files) {
            post.file(file);
        }
        return post;
    }

    protected static MockMultipartFile pdf(String name) {
        return new MockMultipartFile("files", name, "application/pdf",
                "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    }

    protected static MockMultipartFile file(String name, String type, byte[] bytes) {
        return new MockMultipartFile("files", name, type, bytes);
    }

    protected static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The part of a page from one marker to the next one after it: "next to its field" means in between. */
    protected static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as("the page has %s", from).isGreaterThanOrEqualTo(0);
        int end = html.indexOf(to, start + from.length());
        assertThat(end).as("the page has %s after %s", to, from).isGreaterThan(start);
        return html.substring(start, end);
    }

    /** The tag of the element with this id. */
    protected static String tag(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as("the page has an element with id %s", id).isGreaterThanOrEqualTo(0);
        int start = html.lastIndexOf('<', at);
        return html.substring(start, html.indexOf('>', at) + 1);
    }

    /** Where a redirect leads. */
    protected static String location(MvcResult result) {
        return result.getResponse().getRedirectedUrl();
    }

    /** A request submitted by a person over the API, with the datasets given; answers its reference. */
    protected String submitAs(String user, String title, String... datasetCodes) {
        Answer answer = post(user, "/api/requests", requestBody(title, datasetCodes));
        assertThat(answer.status()).as("submission by %s: %s", user, answer.body()).isEqualTo(201);
        return answer.body().get("reference").asText();
    }

    /** A data steward asks for changes on their department's task; the request goes back to its requester. */
    protected void askForChanges(String reference, String steward, String group, String comment) {
        Answer answer = decide(steward, taskFor(reference, group), "changes", comment);
        assertThat(answer.status()).as("%s asks for changes: %s", steward, answer.body()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("CHANGES_REQUESTED");
    }
}
