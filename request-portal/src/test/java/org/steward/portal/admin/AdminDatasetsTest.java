package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.steward.workflow.catalog.CatalogService.DepartmentInput;

/** Admins add and change datasets; the catalogue shows the change at once, and requests already made keep theirs. */
class AdminDatasetsTest extends AdminPageSupport {

    private String suffix;
    private String owner;

    /** A department of this test's own to own its datasets, with stewards, custodians and a signatory. */
    @BeforeEach
    void aDepartmentOfItsOwn() {
        suffix = fresh();
        owner = "D" + suffix.toUpperCase();
        catalog.createDepartment(ADMIN, new DepartmentInput(owner, "Dept " + suffix, "staff-" + suffix,
                "stewards-" + suffix, "custodians-" + suffix, "wes"));
    }

    @Test
    void theListShowsTheCatalogue() throws Exception {
        String page = mvc.perform(page("/admin/datasets").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("<h1>Datasets</h1>", "FIN-UTILITY-ACCOUNTS", "Utility billing accounts",
                "Confidential", "badge--pii", "account_id, service_address", "href=\"/admin/datasets/new\"",
                "href=\"/admin/datasets/PW-WORK-ORDERS/edit\"");
        String form = mvc.perform(page("/admin/datasets/new").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(form).contains("Add a dataset", "<option value=\"" + owner + "\">Dept " + suffix + " (" + owner
                + ")</option>", "<option value=\"RESTRICTED\">Restricted</option>", "type=\"checkbox\"");
    }

    @Test
    void anAdminAddsADatasetAndTheCatalogueShowsIt() throws Exception {
        String code = owner + "-TREES";
        mvc.perform(form("/admin/datasets").with(admin()).with(csrf()).param("code", code)
                .param("name", "Street trees").param("description", "Every tree the city looks after.")
                .param("department", owner).param("classification", "INTERNAL").param("pii", "true")
                .param("elements", "tree_id\r\nspecies\r\n\r\n  planted_on  \r\n"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/datasets"))
                .andExpect(flash().attribute("notice", "Dataset " + code + ", Street trees, is in the catalogue."));

        JsonNode entry = catalogueEntry(code);
        assertThat(entry.get("name").asText()).isEqualTo("Street trees");
        assertThat(entry.get("department").asText()).isEqualTo(owner);
        assertThat(entry.get("classification").asText()).isEqualTo("INTERNAL");
        assertThat(entry.get("pii").asBoolean()).isTrue();
        assertThat(texts(entry.get("elements"))).containsExactly("tree_id", "species", "planted_on");
        assertThat(adminEvents("DATASET_CREATED", code)).singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("admin"));
    }

    @Test
    void anAdminChangesADatasetAndRequestsAlreadyMadeKeepWhatTheyAskedFor() throws Exception {
        String code = owner + "-PERMITS";
        add(code, "Building permits", "PUBLIC", false, "permit_id\nissued_on\naddress");
        Map<String, Object> body = requestBody("Permits for the housing study", code);
        body.put("datasets", List.of(Map.of("code", code, "elements", List.of("permit_id", "address"))));
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();

        String form = mvc.perform(page("/admin/datasets/" + code + "/edit").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(valueOf(form, "name")).isEqualTo("Building permits");
        assertThat(form).contains("permit_id\nissued_on\naddress</textarea>").doesNotContain("id=\"code\"");

        mvc.perform(form("/admin/datasets/" + code).with(admin()).with(csrf()).param("code", "HIJACKED")
                .param("name", "Building permits issued").param("department", owner)
                .param("classification", "CONFIDENTIAL").param("pii", "true")
                .param("elements", "permit_id\nissued_on\nowner_name"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/datasets"))
                .andExpect(flash().attribute("notice", "Dataset " + code + " is saved: name Building permits -> "
                        + "Building permits issued; classification PUBLIC -> CONFIDENTIAL; now holds personal "
                        + "information; elements added: owner_name; elements removed: address."));

        JsonNode entry = catalogueEntry(code);
        assertThat(entry.get("name").asText()).isEqualTo("Building permits issued");
        assertThat(entry.get("classification").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(entry.get("pii").asBoolean()).isTrue();
        assertThat(texts(entry.get("elements"))).containsExactly("permit_id", "issued_on", "owner_name");
        assertThat(catalog.dataset("HIJACKED")).isEmpty();

        JsonNode asked = request("alex", reference).get("request").get("datasets").get(0);
        assertThat(asked.get("code").asText()).isEqualTo(code);
        assertThat(texts(asked.get("elements"))).containsExactly("permit_id", "address");
        assertThat(adminEvents("DATASET_CHANGED", code)).singleElement()
                .satisfies(e -> assertThat(e.getDetail()).contains("elements removed: address"));

        // Unchecking the box is a change too: the form sends no pii at all then.
        mvc.perform(form("/admin/datasets/" + code).with(admin()).with(csrf()).param("_pii", "on")
                .param("name", "Building permits issued").param("department", owner)
                .param("classification", "CONFIDENTIAL").param("elements", "permit_id\nissued_on\nowner_name"))
                .andExpect(status().isFound());
        assertThat(catalogueEntry(code).get("pii").asBoolean()).isFalse();
    }

    @Test
    void elementsThatAreNotLowerSnakeCaseAreRefusedNextToTheFieldWithTheTextKept() throws Exception {
        String code = owner + "-BAD";
        String typed = "account_id\nOwner Name\nmonthly-usage";
        String page = mvc.perform(form("/admin/datasets").with(admin()).with(csrf()).param("code", code)
                .param("name", "Bad elements").param("department", owner).param("classification", "INTERNAL")
                .param("pii", "true").param("elements", typed))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(page, "elements")).contains("field--error", "id=\"elements-error\"",
                escaped("\"Owner Name\", \"monthly-usage\" are not element names: use lower-case letters, digits "
                        + "and underscores, starting with a letter (such as owner_name)"),
                typed + "</textarea>");
        assertThat(valueOf(page, "code")).isEqualTo(code);
        assertThat(valueOf(page, "name")).isEqualTo("Bad elements");
        assertThat(page).contains("<option value=\"" + owner + "\" selected=\"selected\">",
                "<option value=\"INTERNAL\" selected=\"selected\">", "checked=\"checked\"");
        assertThat(catalog.dataset(code)).isEmpty();
    }

    @Test
    void everyOtherMistakeIsRefusedNextToItsField() throws Exception {
        String page = mvc.perform(form("/admin/datasets").with(admin()).with(csrf()).param("code", "PW-WORK-ORDERS")
                .param("name", "").param("department", "CD").param("classification", "SECRET")
                .param("elements", "\n  \n"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(page, "code")).contains("There is already a dataset with the code PW-WORK-ORDERS.");
        assertThat(field(page, "name")).contains("field--error", escaped("Enter the dataset's name"));
        assertThat(field(page, "department")).contains("field--error", "Community Development has no data steward "
                + "group (to approve requests) and no data custodian group (to deliver the data) yet, so requests for "
                + "its data could not go through. Set them on the department first.");
        assertThat(field(page, "classification")).contains("field--error", "Choose how sensitive the data is.");
        assertThat(field(page, "elements")).contains("field--error",
                "List at least one element (a field of the data), one per line.");

        String twice = mvc.perform(form("/admin/datasets").with(admin()).with(csrf()).param("code", "lower-case")
                .param("name", "Twice").param("department", owner).param("classification", "PUBLIC")
                .param("elements", "a\nb\na"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(twice, "code")).contains("Use capital letters and digits");
        assertThat(field(twice, "elements")).contains("Each element once: a is listed more than once.");
        assertThat(field(twice, "department")).doesNotContain("field--error");
    }

    @Test
    void aDatasetThatDoesNotExistIsNotFound() throws Exception {
        mvc.perform(page("/admin/datasets/NOPE-NOTHING/edit").with(admin())).andExpect(status().isNotFound());
        mvc.perform(form("/admin/datasets/NOPE-NOTHING").with(admin()).with(csrf()).param("name", "x")
                .param("department", owner).param("classification", "PUBLIC").param("elements", "a"))
                .andExpect(status().isNotFound());
    }

    private void add(String code, String name, String classification, boolean pii, String elements)
            throws Exception {
        mvc.perform(form("/admin/datasets").with(admin()).with(csrf()).param("code", code).param("name", name)
                .param("department", owner).param("classification", classification)
                .param("pii", String.valueOf(pii)).param("elements", elements))
                .andExpect(status().isFound());
    }

    /** The dataset as GET /api/datasets shows it to staff. */
    private JsonNode catalogueEntry(String code) {
        Answer catalogue = get("alex", "/api/datasets");
        assertThat(catalogue.status()).isEqualTo(200);
        for (JsonNode entry : catalogue.body()) {
            if (entry.get("code").asText().equals(code)) {
                return entry;
            }
        }
        throw new AssertionError(code + " is not in the catalogue: " + catalogue.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
