package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventRepository;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/** What the admin page tests share: who logs in, fresh names, reading a field of a page, the audit trail. */
public abstract class AdminPageSupport extends IntegrationTest {

    /** The demo admin, as the services see them. */
    protected static final Person ADMIN = new Person("admin", "Admin Adams", null, Set.of("admins", "camunda-admin"));

    @Autowired
    protected CatalogService catalog;

    @Autowired
    protected PeopleService people;

    @Autowired
    private AuditEventRepository auditEvents;

    /** A page as a browser asks for it (IntegrationTest's get and post are the API client's). */
    protected static MockHttpServletRequestBuilder page(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    /** A form as a browser posts it. */
    protected static MockHttpServletRequestBuilder form(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    protected static RequestPostProcessor admin() {
        return httpBasic("admin", "demo");
    }

    protected static RequestPostProcessor alex() {
        return httpBasic("alex", "demo");
    }

    /** A few random letters, so each test's departments, datasets, groups and people are its own. */
    protected static String fresh() {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    /**
     * The part of a form page that belongs to one field: from its {@code div class="field"} to the input, select or
     * textarea with that id (the label, hint and error message come before the control).
     */
    protected static String field(String page, String id) {
        Matcher control = Pattern.compile("<(input|select|textarea)[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(control.find()).as("a control with id %s on the page:\n%s", id, page).isTrue();
        int start = page.lastIndexOf("<div class=\"field", control.start());
        assertThat(start).as("the field around %s", id).isNotNegative();
        int end = control.group(1).equals("input") ? control.end()
                : page.indexOf("</" + control.group(1) + ">", control.end()) + control.group(1).length() + 3;
        return page.substring(start, end);
    }

    /** The value a text input shows. */
    protected static String valueOf(String page, String id) {
        Matcher control = Pattern.compile("<input[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(page);
        assertThat(control.find()).as("an input with id %s", id).isTrue();
        Matcher value = Pattern.compile("\\bvalue=\"([^\"]*)\"").matcher(control.group());
        return value.find() ? HtmlUtils.htmlUnescape(value.group(1)) : "";
    }

    /** Text as a page shows it, escaped. */
    protected static String escaped(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    /** Admin events (no request) of a type whose detail mentions the text, oldest first. */
    protected List<AuditEvent> adminEvents(String type, String mentioning) {
        return auditEvents.findAll().stream()
                .filter(e -> e.getRequestReference() == null && e.getType().equals(type)
                        && e.getDetail() != null && e.getDetail().contains(mentioning))
                .toList();
    }
}
