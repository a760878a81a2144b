package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin pages are for the admins and camunda-admin groups only; every form needs its CSRF token. */
class AdminAccessTest extends AdminPageSupport {

    private static final List<String> PAGES = List.of("/admin", "/admin/departments", "/admin/departments/new",
            "/admin/departments/PW/edit", "/admin/datasets", "/admin/datasets/new",
            "/admin/datasets/PW-WORK-ORDERS/edit", "/admin/people", "/admin/people/new", "/admin/people/alex",
            "/admin/emails", "/admin/emails?trouble=true");

    /** Every form of the admin pages, filled in so that an admin's post would change something. */
    private static List<MockHttpServletRequestBuilder> posts(String suffix) {
        String code = "X" + suffix.toUpperCase();
        return List.of(
                form("/admin/departments").param("code", code).param("name", "Sneaky").param("staffGroup",
                        "staff-" + suffix).param("signatory", "alex"),
                form("/admin/departments/PW").param("name", "Sneaky Works").param("staffGroup", "staff-pw")
                        .param("stewardGroup", "stewards-pw").param("custodianGroup", "custodians-pw")
                        .param("signatory", "alex"),
                form("/admin/datasets").param("code", code).param("name", "Sneaky").param("department", "PW")
                        .param("classification", "PUBLIC").param("elements", "a"),
                form("/admin/datasets/PW-WORK-ORDERS").param("name", "Sneaky").param("department", "PW")
                        .param("classification", "PUBLIC").param("elements", "a"),
                form("/admin/people").param("userId", "sneaky-" + suffix).param("firstName", "S")
                        .param("lastName", "S").param("email", "s@example.org").param("password", "long enough"),
                form("/admin/people/alex/groups").param("group", "admins"),
                form("/admin/people/alex/groups/new").param("newGroup", "sneaky-" + suffix),
                form("/admin/people/admin/groups/remove").param("group", "staff-cd"),
                form("/admin/people/alex/unlock"),
                form("/admin/emails/1/resend"));
    }

    @Test
    void aStaffMemberGetsTheForbiddenPageOnEveryAdminPage() throws Exception {
        for (String path : PAGES) {
            String body = mvc.perform(page(path).with(alex())).andExpect(status().isForbidden()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(body).as(path).contains("Not yours to do").doesNotContain("Departments</h1>");
        }
        // The auditor sees every request, but manages nothing.
        mvc.perform(page("/admin").with(httpBasic("audrey", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void aStaffMemberGetsTheForbiddenPageOnEveryAdminFormAndNothingChanges() throws Exception {
        String suffix = fresh();
        for (MockHttpServletRequestBuilder request : posts(suffix)) {
            String body = mvc.perform(request.with(alex()).with(csrf())).andExpect(status().isForbidden()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(body).contains("Not yours to do");
        }
        assertThat(catalog.department("X" + suffix.toUpperCase())).isEmpty();
        assertThat(catalog.department("PW").orElseThrow().getName()).isEqualTo("Public Works");
        assertThat(catalog.dataset("X" + suffix.toUpperCase())).isEmpty();
        assertThat(catalog.dataset("PW-WORK-ORDERS").orElseThrow().getName())
                .isEqualTo("Street maintenance work orders");
        assertThat(people.exists("sneaky-" + suffix)).isFalse();
        assertThat(people.groupsOf("alex")).containsExactly("staff-cd");
        assertThat(people.groupExists("sneaky-" + suffix)).isFalse();
        assertThat(people.groupsOf("admin")).contains("admins", "camunda-admin");
    }

    @Test
    void someoneNotLoggedInIsSentToTheLoginPage() throws Exception {
        mvc.perform(page("/admin/departments")).andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void eitherAdminGroupIsEnoughAndTheOverviewLinksEverySectionAndCockpit() throws Exception {
        String suffix = fresh();
        people.createPerson("admins-only-" + suffix, "Ada", "Only", "ada@example.org", "password-" + suffix);
        people.addToGroup("admins-only-" + suffix, "admins");
        people.createPerson("engine-only-" + suffix, "Eve", "Only", "eve@example.org", "password-" + suffix);
        people.addToGroup("engine-only-" + suffix, "camunda-admin");

        String processAdmin = mvc.perform(page("/admin").with(httpBasic("admins-only-" + suffix, "password-" + suffix)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(processAdmin).contains("<h1>Admin</h1>", "href=\"/admin/departments\"",
                "href=\"/admin/datasets\"", "href=\"/admin/people\"", "href=\"/admin/emails\"",
                "href=\"/camunda/app/cockpit/default/\"",
                "Cockpit is only for members of the camunda-admin group");

        String engineAdmin = mvc.perform(page("/admin/people").with(httpBasic("engine-only-" + suffix,
                "password-" + suffix))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(engineAdmin).contains("<h1>People</h1>");

        String demoAdmin = mvc.perform(page("/admin").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(demoAdmin).contains("href=\"/camunda/app/cockpit/default/\"")
                .doesNotContain("Cockpit is only for members");
        // The header offers the admin pages to admins only.
        assertThat(demoAdmin).contains("<a href=\"/admin\">Admin</a>");
        assertThat(mvc.perform(page("/").with(alex())).andReturn().getResponse().getContentAsString())
                .doesNotContain("<a href=\"/admin\">Admin</a>");
    }

    @Test
    void everyAdminFormRefusesAPostWithoutItsCsrfToken() throws Exception {
        LoggedInSession session = logIn("admin", "demo");
        String suffix = fresh();
        for (MockHttpServletRequestBuilder request : posts(suffix)) {
            mvc.perform(request.with(session)).andExpect(status().isForbidden());
        }
        assertThat(catalog.department("X" + suffix.toUpperCase())).isEmpty();
        assertThat(catalog.department("PW").orElseThrow().getSignatory()).isEqualTo("wes");
        assertThat(people.exists("sneaky-" + suffix)).isFalse();
        assertThat(people.groupsOf("alex")).containsExactly("staff-cd");

        // The same session with its token is let through: the token was what was missing.
        String person = "with-token-" + suffix;
        mvc.perform(form("/admin/people").with(session).with(csrf()).param("userId", person)
                .param("firstName", "Tok").param("lastName", "En").param("email", person + "@example.org")
                .param("password", "a long password")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/people/" + person));
        assertThat(people.exists(person)).isTrue();
    }

    private LoggedInSession logIn(String user, String password) throws Exception {
        MvcResult login = mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(status().isFound()).andReturn();
        LoggedInSession session = LoggedInSession.from(login);
        assertThat(session).isNotNull();
        return session;
    }
}
