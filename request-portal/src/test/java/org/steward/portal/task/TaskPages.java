package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.IntegrationTest;

/**
 * Pages as a person uses them: GET a page and read it, post a form with the buttons and fields a person fills in,
 * and find what sits next to a field (its error, its value).
 */
public abstract class TaskPages extends IntegrationTest {

    /** A form post as the browser sends it: logged in, with the CSRF token, fields as name/value pairs. */
    protected MvcResult submitForm(String user, String path, String... namesAndValues) throws Exception {
        return mvc.perform(form(user, path, namesAndValues).with(csrf())).andReturn();
    }

    protected MockHttpServletRequestBuilder form(String user, String path, String... namesAndValues) {
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post(path).with(httpBasic(user, "demo"));
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            post.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        return post;
    }

    protected MvcResult open(String user, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic(user, "demo"))).andReturn();
    }

    /** A page that must be there, read as a document. */
    protected Document page(String user, String path) throws Exception {
        MvcResult result = open(user, path);
        assertThat(result.getResponse().getStatus()).as("GET %s as %s", path, user).isEqualTo(200);
        return html(result);
    }

    protected static Document html(MvcResult result) throws Exception {
        MockHttpServletResponse response = result.getResponse();
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** The error shown next to a field of a task's form (in the same field group), or null. */
    protected static String errorNextTo(Document page, String fieldId) {
        Element control = page.getElementById("field-" + fieldId);
        assertThat(control).as("field %s on the page", fieldId).isNotNull();
        Element group = control.tagName().equals("fieldset") ? control : control.closest(".field");
        assertThat(group).as("the group of field %s", fieldId).isNotNull();
        Element error = group.selectFirst(".error-message");
        if (error == null) {
            return null;
        }
        assertThat(group.hasClass("field--error")).as("field %s marked in error", fieldId).isTrue();
        assertThat(control.tagName().equals("fieldset") ? control.attr("aria-describedby")
                : control.attr("aria-describedby")).contains(error.id());
        return error.text();
    }

    /** The labels of the decision buttons of the task's form, in order. */
    protected static List<String> decisionButtons(Document page) {
        List<String> buttons = new ArrayList<>();
        page.select("#task-form button[name=decision]").forEach(b -> buttons.add(b.attr("value") + ":" + b.text()));
        return buttons;
    }

    /** The value a named control of the page holds (a text box, text area, ticked box or radio, or chosen option). */
    protected static String valueOf(Document page, String name) {
        Element control = page.selectFirst("[name=\"" + name + "\"]");
        assertThat(control).as("control %s", name).isNotNull();
        if (control.tagName().equals("textarea")) {
            return control.wholeText();
        }
        if (control.tagName().equals("select")) {
            Element chosen = control.selectFirst("option[selected]");
            return chosen == null ? "" : chosen.attr("value");
        }
        if (control.attr("type").equals("checkbox") || control.attr("type").equals("radio")) {
            Element checked = page.selectFirst("[name=\"" + name + "\"][checked]");
            return checked == null ? null : checked.attr("value");
        }
        return control.attr("value");
    }
}
