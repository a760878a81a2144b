package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.steward.workflow.catalog.Department;

/** Admins add and change departments; what would not work is refused next to its field, with the input kept. */
class AdminDepartmentsTest extends AdminPageSupport {

    @Test
    void theListShowsEveryDepartmentWithItsGroupsAndSignatory() throws Exception {
        String page = mvc.perform(page("/admin/departments").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("<h1>Departments</h1>", "Public Works", "stewards-pw", "custodians-pw",
                "Wes Weller (wes)", "Finance", "Frank Franklin (frank)", "href=\"/admin/departments/PW/edit\"",
                "href=\"/admin/departments/new\"");
        assertThat(mvc.perform(page("/admin/departments/new").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("Add a department", "id=\"code\"", "id=\"signatory\"");
    }

    @Test
    void anAdminAddsADepartmentAndTheGroupsItNamesAreCreatedWithANotice() throws Exception {
        String suffix = fresh();
        String code = "P" + suffix.toUpperCase();
        String staff = "staff-" + suffix;
        String stewards = "stewards-" + suffix;

        mvc.perform(form("/admin/departments").with(admin()).with(csrf()).param("code", code)
                .param("name", "Parks " + suffix).param("staffGroup", staff).param("stewardGroup", stewards)
                .param("custodianGroup", "custodians-pw").param("signatory", "wes"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/departments"))
                .andExpect(flash().attribute("notice", "Department " + code + ", Parks " + suffix + ", is added. "
                        + "New groups created: " + staff + ", " + stewards
                        + ". Add people to them on the People page."));

        Department created = catalog.department(code).orElseThrow();
        assertThat(created.getStaffGroup()).isEqualTo(staff);
        assertThat(created.getStewardGroup()).isEqualTo(stewards);
        assertThat(created.getCustodianGroup()).isEqualTo("custodians-pw");
        assertThat(created.getSignatory()).isEqualTo("wes");
        assertThat(people.groupExists(staff)).isTrue();
        assertThat(people.groupExists(stewards)).isTrue();
        assertThat(mvc.perform(page("/admin/departments").with(admin())).andReturn().getResponse()
                .getContentAsString()).contains(code, "Parks " + suffix, stewards);

        assertThat(adminEvents("DEPARTMENT_CREATED", code)).singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("admin"));
        assertThat(adminEvents("GROUP_CREATED", stewards)).hasSize(1);
    }

    @Test
    void anAdminChangesADepartmentButNotItsCode() throws Exception {
        String suffix = fresh();
        String code = "C" + suffix.toUpperCase();
        create(code, "Code Enforcement", "staff-" + suffix, "wes");

        String form = mvc.perform(page("/admin/departments/" + code + "/edit").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(valueOf(form, "name")).isEqualTo("Code Enforcement");
        assertThat(valueOf(form, "signatory")).isEqualTo("wes");
        assertThat(form).doesNotContain("id=\"code\"").contains("The code stays as it was created");

        mvc.perform(form("/admin/departments/" + code).with(admin()).with(csrf()).param("code", "HIJACKED")
                .param("name", "Code Compliance").param("staffGroup", "staff-" + suffix)
                .param("stewardGroup", "stewards-fin").param("signatory", "dana"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/departments"));

        Department changed = catalog.department(code).orElseThrow();
        assertThat(changed.getName()).isEqualTo("Code Compliance");
        assertThat(changed.getSignatory()).isEqualTo("dana");
        assertThat(changed.getStewardGroup()).isEqualTo("stewards-fin");
        assertThat(catalog.department("HIJACKED")).isEmpty();
        assertThat(adminEvents("DEPARTMENT_CHANGED", code)).singleElement().satisfies(e -> {
            assertThat(e.getActor()).isEqualTo("admin");
            assertThat(e.getDetail()).contains("name Code Enforcement -> Code Compliance", "signatory wes -> dana",
                    "steward group none -> stewards-fin");
        });
    }

    @Test
    void aSignatoryWhoDoesNotExistIsRefusedNextToTheFieldWithEverythingTypedKept() throws Exception {
        String suffix = fresh();
        String code = "S" + suffix.toUpperCase();
        String page = mvc.perform(form("/admin/departments").with(admin()).with(csrf()).param("code", code)
                .param("name", "Sanitation <Services>").param("staffGroup", "staff-" + suffix)
                .param("signatory", "nobody-" + suffix))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String signatory = field(page, "signatory");
        assertThat(signatory).contains("field--error", "id=\"signatory-error\"",
                "There is nobody with the user id nobody-" + suffix + ". Check the spelling, or create the person "
                        + "first on the People page.")
                .contains("aria-describedby=\"signatory-hint signatory-error\"");
        assertThat(valueOf(page, "signatory")).isEqualTo("nobody-" + suffix);
        assertThat(valueOf(page, "code")).isEqualTo(code);
        assertThat(valueOf(page, "name")).isEqualTo("Sanitation <Services>");
        assertThat(page).contains("Sanitation &lt;Services&gt;").doesNotContain("Sanitation <Services>");
        assertThat(field(page, "name")).doesNotContain("field--error");
        assertThat(page).contains("Some fields need attention", "href=\"#signatory\"");
        assertThat(catalog.department(code)).isEmpty();
        assertThat(people.groupExists("staff-" + suffix)).as("no group made for a refused department").isFalse();
    }

    @Test
    void everyOtherMistakeIsRefusedNextToItsField() throws Exception {
        String page = mvc.perform(form("/admin/departments").with(admin()).with(csrf()).param("code", "parks")
                .param("name", "  ").param("staffGroup", "staff-cd").param("stewardGroup", "Parks Stewards")
                .param("custodianGroup", "custodians-pw").param("signatory", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(page, "code")).contains("field--error", "Use capital letters and digits");
        assertThat(field(page, "name")).contains("field--error", escaped("Enter the department's name."));
        assertThat(field(page, "staffGroup")).contains("field--error",
                "Community Development (CD) already uses staff-cd as its staff group");
        assertThat(field(page, "stewardGroup")).contains("field--error",
                "There is no group Parks Stewards, and a new one cannot have that name");
        assertThat(field(page, "custodianGroup")).doesNotContain("field--error");
        assertThat(field(page, "signatory")).contains("field--error",
                escaped("Enter the user id of the department's director"));
        assertThat(valueOf(page, "stewardGroup")).isEqualTo("Parks Stewards");
        // The summary at the top reads in the order of the form, each error linking to its field.
        assertThat(page).containsSubsequence("Some fields need attention", "href=\"#code\"", "href=\"#name\"",
                "href=\"#staffGroup\"", "href=\"#stewardGroup\"", "href=\"#signatory\"", "id=\"code\"");

        String duplicate = mvc.perform(form("/admin/departments").with(admin()).with(csrf()).param("code", "PW")
                .param("name", "Public Works again").param("staffGroup", "staff-" + fresh()).param("signatory", "wes"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(duplicate, "code")).contains("There is already a department with the code PW.");
    }

    @Test
    void aDepartmentThatOwnsDatasetsKeepsItsStewardAndCustodianGroups() throws Exception {
        String page = mvc.perform(form("/admin/departments/PW").with(admin()).with(csrf())
                .param("name", "Public Works").param("staffGroup", "staff-pw").param("stewardGroup", "")
                .param("custodianGroup", "").param("signatory", "wes"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(page, "stewardGroup")).contains("field--error",
                "This department owns datasets (PW-STREET-CENTERLINES, PW-WORK-ORDERS)");
        assertThat(field(page, "custodianGroup")).contains("field--error", "need a data custodian group");
        assertThat(catalog.department("PW").orElseThrow().getStewardGroup()).isEqualTo("stewards-pw");
    }

    @Test
    void aDepartmentThatDoesNotExistIsNotFound() throws Exception {
        assertThat(mvc.perform(page("/admin/departments/NOPE/edit").with(admin())).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString()).contains("Not found");
        mvc.perform(form("/admin/departments/NOPE").with(admin()).with(csrf()).param("name", "Nope")
                .param("staffGroup", "staff-nope").param("signatory", "wes")).andExpect(status().isNotFound());
        assertThat(catalog.department("NOPE")).isEmpty();
    }

    private void create(String code, String name, String staffGroup, String signatory) throws Exception {
        MockHttpServletRequestBuilder request = form("/admin/departments").with(admin()).with(csrf())
                .param("code", code).param("name", name).param("staffGroup", staffGroup)
                .param("signatory", signatory);
        mvc.perform(request).andExpect(status().isFound());
    }
}
