package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.AttachmentInfo;
import org.steward.workflow.request.RequestAttachments;

/** The new-request form: what it offers, a submission that goes through, and one refused field by field. */
class RequestFormPageTest extends RequestPageSupport {

    @Autowired
    private RequestAttachments attachments;

    @Test
    void theFormOffersTheCatalogueWithOwnersClassificationsAndPersonalData() throws Exception {
        String page = html(mvc.perform(open("/requests/new").with(as("alex"))).andExpect(status().isOk()).andReturn());

        assertThat(page).contains("<h1>New request</h1>");
        String accounts = between(page, "id=\"dataset-FIN-UTILITY-ACCOUNTS\"", "</fieldset>");
        assertThat(accounts).contains("Utility billing accounts").contains("Owned by Finance").contains("Confidential")
                .contains("Personal information (PII)");
        for (String element : List.of("account_id", "service_address", "account_type", "owner_name",
                "monthly_usage")) {
            assertThat(accounts).contains("value=\"FIN-UTILITY-ACCOUNTS:" + element + "\"");
        }
        String centerlines = between(page, "id=\"dataset-PW-STREET-CENTERLINES\"", "</fieldset>");
        assertThat(centerlines).contains("Street centerlines").contains("Owned by Public Works").contains("Public")
                .contains("No personal information").doesNotContain("Personal information (PII)");
        // Without JavaScript the catalogue is a plain list of checkboxes; the search box appears with it.
        assertThat(between(page, "data-dataset-filter", ">")).contains("hidden");
        assertThat(page).contains("<label for=\"dataset-filter\">Find a dataset</label>");
        // The file limits are said before anyone uploads, and the input accepts only those kinds.
        assertThat(between(page, "<label for=\"files\">", "type=\"file\"")).contains("up to 10 MB each")
                .contains("PDF").contains("JPEG");
        assertThat(tag(page, "files")).contains("accept=\".pdf,.docx,.xlsx,.csv,.txt,.png,.jpg,.jpeg\"");
        assertThat(page).contains(">Submit request</button>").contains(">Save as draft</button>");
        // Every text field has a label.
        for (String field : List.of("title", "purpose", "legalBasis", "recipientDepartment", "recipientOrganisation",
                "recipientSignatoryName", "recipientSignatoryEmail", "deliveryMethod", "retention",
                "securityControls", "startDate", "endDate")) {
            assertThat(page).as("label of %s", field).contains("<label for=\"" + field + "\"");
        }
    }

    @Test
    void aCompleteFormIsSubmittedWithItsFileAndLeadsToTheRequestsPage() throws Exception {
        MvcResult result = mvc.perform(form("/requests/new", answers("Housing study, from the form"),
                List.of("FIN-UTILITY-ACCOUNTS"), List.of("FIN-UTILITY-ACCOUNTS:service_address",
                        "FIN-UTILITY-ACCOUNTS:account_type"), pdf("project-charter.pdf"))
                .param("action", "submit").with(as("alex")).with(csrf()))
                .andExpect(status().isFound()).andReturn();

        String reference = location(result).substring("/requests/".length());
        assertThat(reference).matches("DR-\\d{4}-\\d{4}");
        JsonNode request = request("alex", reference);
        assertThat(request.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(request.at("/request/title").asText()).isEqualTo("Housing study, from the form");
        assertThat(request.at("/request/datasets/0/elements").toString())
                .isEqualTo("[\"service_address\",\"account_type\"]");
        assertThat(request.at("/request/recipient/department").asText()).isEqualTo("CD");
        assertThat(request.get("history").get(0).get("channel").asText()).isEqualTo("web");

        List<AttachmentInfo> files = attachments.ofRequest(new Person("alex", "Alex", null,
                java.util.Set.of("staff-cd")), reference);
        assertThat(files).extracting(AttachmentInfo::fileName).containsExactly("project-charter.pdf");
        assertThat(files.get(0).contentType()).isEqualTo("application/pdf");
    }

    @Test
    void refusedAnswersAreShownNextToTheirFieldsWithEverythingTypedKept() throws Exception {
        long before = total("alex", "/api/requests");
        Map<String, String> answers = answers("");
        answers.put("purpose", "Too short");
        answers.put("legalBasis", "<b>Charter</b> & bylaws");
        answers.remove("recipientDepartment");
        answers.put("startDate", java.time.LocalDate.now().plusDays(60).toString());
        answers.put("endDate", java.time.LocalDate.now().plusDays(59).toString());

        String page = html(mvc.perform(form("/requests/new", answers, List.of("FIN-UTILITY-ACCOUNTS"),
                List.of("FIN-UTILITY-ACCOUNTS:account_id")).param("action", "submit").with(as("alex")).with(csrf()))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("4 answers need attention");
        assertThat(between(page, "<label for=\"title\"", "id=\"title\"")).contains("Give the request a title.");
        assertThat(between(page, "<label for=\"purpose\"", "id=\"purpose\"")).contains("at least 20 characters");
        assertThat(between(page, "<label for=\"recipientDepartment\"", "id=\"recipientDepartment\""))
                .contains("Choose the city department that receives the data.");
        assertThat(between(page, "<label for=\"endDate\"", "id=\"endDate\""))
                .contains("The end date must come after the start date.");
        assertThat(tag(page, "title")).contains("aria-invalid=\"true\"");
        assertThat(tag(page, "legalBasis")).contains("aria-invalid=\"false\"");
        // The summary at the top links to each field.
        assertThat(between(page, "id=\"error-summary\"", "</div>")).contains("href=\"#title\"")
                .contains("href=\"#recipientDepartment\"");

        // Everything typed is still there, markup shown as typed and never run.
        assertThat(between(page, "id=\"purpose\"", "</textarea>")).endsWith(">Too short");
        assertThat(tag(page, "legalBasis")).contains("value=\"&lt;b&gt;Charter&lt;/b&gt; &amp; bylaws\"");
        assertThat(page).doesNotContain("<b>Charter</b>");
        assertThat(tag(page, "dataset-FIN-UTILITY-ACCOUNTS")).contains("checked");
        assertThat(tag(page, "dataset-PW-WORK-ORDERS")).doesNotContain("checked");
        assertThat(tag(page, "element-FIN-UTILITY-ACCOUNTS-account_id")).contains("checked");
        assertThat(tag(page, "element-FIN-UTILITY-ACCOUNTS-owner_name")).doesNotContain("checked");
        assertThat(tag(page, "recipientType-INTERNAL")).contains("checked");
        assertThat(tag(page, "frequency-ONE_TIME")).contains("checked");
        assertThat(tag(page, "startDate")).contains("value=\"" + answers.get("startDate") + "\"");

        assertThat(total("alex", "/api/requests")).isEqualTo(before);
    }

    @Test
    void anElementTheDatasetDoesNotHaveIsNamedUnderThatDataset() throws Exception {
        String page = html(mvc.perform(form("/requests/new", answers("Centerlines and accounts"),
                List.of("FIN-UTILITY-ACCOUNTS", "PW-STREET-CENTERLINES"),
                List.of("PW-STREET-CENTERLINES:street_name", "PW-STREET-CENTERLINES:shoe_size"))
                .param("action", "submit").with(as("alex")).with(csrf()))
                .andExpect(status().isOk()).andReturn());

        assertThat(between(page, "id=\"dataset-PW-STREET-CENTERLINES-elements\"", "</fieldset>"))
                .contains("The dataset PW-STREET-CENTERLINES has no element shoe_size");
        assertThat(between(page, "id=\"dataset-FIN-UTILITY-ACCOUNTS-elements\"", "</fieldset>"))
                .doesNotContain("error-message");
        assertThat(page).contains("href=\"#dataset-PW-STREET-CENTERLINES-elements\"");
    }

    @Test
    void anOutsideOrganisationNeedsItsSignatoryAndNoDatasetIsRefusedInWords() throws Exception {
        Map<String, String> answers = answers("For a university");
        answers.put("recipientType", "EXTERNAL");
        answers.put("recipientOrganisation", "University of Montana");
        answers.put("recipientSignatoryEmail", "not an address");

        String page = html(mvc.perform(form("/requests/new", answers, List.of(), List.of())
                .param("action", "submit").with(as("alex")).with(csrf())).andExpect(status().isOk()).andReturn());

        assertThat(between(page, "<legend>Datasets</legend>", "data-dataset-filter"))
                .contains("Choose at least one dataset from the catalogue.");
        assertThat(between(page, "<label for=\"recipientSignatoryName\"", "id=\"recipientSignatoryName\""))
                .contains("Name the person who signs the agreement");
        assertThat(between(page, "<label for=\"recipientSignatoryEmail\"", "id=\"recipientSignatoryEmail\""))
                .contains("like name@example.org");
        assertThat(tag(page, "recipientOrganisation")).contains("value=\"University of Montana\"");
        assertThat(tag(page, "recipientType-EXTERNAL")).contains("checked");
        // The department is not asked for an outside organisation.
        assertThat(page).doesNotContain("Choose the city department that receives the data.");
    }

    @Test
    void aDateThatCannotBeReadIsSaidSoAndKeptAsTyped() throws Exception {
        Map<String, String> answers = answers("Dates typed by hand");
        answers.put("endDate", "31/12/2027");
        answers.remove("frequency");

        String page = html(mvc.perform(form("/requests/new", answers, List.of("PW-STREET-CENTERLINES"), List.of())
                .param("action", "submit").with(as("alex")).with(csrf())).andExpect(status().isOk()).andReturn());

        assertThat(between(page, "<label for=\"endDate\"", "id=\"endDate\""))
                .contains("Write the date as year, month and day, like 2027-01-31.");
        assertThat(tag(page, "endDate")).contains("value=\"31/12/2027\"");
        assertThat(between(page, "<legend>How often is the data needed</legend>", "id=\"frequency-ONE_TIME\""))
                .contains("Choose whether the data is needed once or regularly.");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndKeepsNothing() throws Exception {
        MvcResult login = mvc.perform(formLogin("/login").user("alex").password("demo")).andReturn();
        LoggedInSession session = LoggedInSession.from(login);
        assertThat(session).isNotNull();
        long before = total("alex", "/api/requests");

        mvc.perform(form("/requests/new", answers("Without a token"), List.of("PW-STREET-CENTERLINES"), List.of())
                .param("action", "submit").with(session)).andExpect(status().isForbidden());
        mvc.perform(form("/requests/new", answers("Draft without a token"), List.of(), List.of())
                .param("action", "draft").with(session)).andExpect(status().isForbidden());
        assertThat(total("alex", "/api/requests")).isEqualTo(before);

        // The same session with the token its pages carry is let through.
        mvc.perform(form("/requests/new", answers("With a token"), List.of("PW-STREET-CENTERLINES"), List.of())
                .param("action", "submit").with(session).with(csrf())).andExpect(status().isFound());
        assertThat(total("alex", "/api/requests")).isEqualTo(before + 1);
    }

    @Test
    void theFormNeedsALogin() throws Exception {
        mvc.perform(open("/requests/new")).andExpect(status().isFound());
        assertThat(location(mvc.perform(open("/requests/new")).andReturn())).endsWith("/login");
    }
}
