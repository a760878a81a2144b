package org.steward.portal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.LoggedInSession;
import org.steward.portal.admin.AdminPageSupport;

/**
 * An admin sets a temporary password: the policy applies, the person's sessions end, and after logging in with it
 * they can do nothing but choose their own (pages lead to the account page, the API answers 403 saying why).
 */
class PasswordResetTest extends AdminPageSupport {

    private static final String OWN = "my own password of long ago";
    private static final String TEMPORARY = "temporary pass for monday";
    private static final String CHOSEN = "a quiet morning with green tea";

    private String user;

    @BeforeEach
    void aPersonOfTheirOwn() {
        user = "reset-" + fresh();
        people.createPerson(user, "Rosa", "Reset", user + "@example.org", OWN);
        people.addToGroup(user, "staff-cd");
    }

    @AfterEach
    void liftTheirWaits() {
        people.unlock(user);
    }

    @Test
    void aTemporaryPasswordFollowsThePolicyAndOnlyAnAdminSetsOne() throws Exception {
        String empty = reset("");
        assertThat(field(empty, "password")).contains("field--error", "Enter a temporary password for Rosa Reset.");
        String shortOne = reset("short");
        assertThat(field(shortOne, "password")).contains("Use at least 12 characters");
        assertThat(valueOf(shortOne, "password")).isEmpty();
        assertThat(field(reset("welcome " + user + " 2026"), "password"))
                .contains("does not contain the user name (" + user + ")");
        assertThat(field(reset("Welcome2026!"), "password"))
                .contains("on the list of passwords that people choose most often");

        mvc.perform(form("/admin/people/" + user + "/password").with(alex()).with(csrf()).param("password", TEMPORARY))
                .andExpect(status().isForbidden());
        mvc.perform(form("/admin/people/nobody-" + fresh() + "/password").with(admin()).with(csrf())
                .param("password", TEMPORARY)).andExpect(status().isNotFound());

        mvc.perform(page("/api/datasets").with(httpBasic(user, OWN))).andExpect(status().isOk());
        assertThat(people.mustChangePassword(user)).isFalse();
        assertThat(adminEvents("PASSWORD_RESET", user)).isEmpty();
    }

    @Test
    void afterAResetThePersonChangesThePasswordBeforeAnythingElse() throws Exception {
        LoggedInSession before = logIn(OWN);
        // A wrong try holds back their logins; the reset forgets it.
        mvc.perform(page("/api/datasets").with(httpBasic(user, "a wrong guess of mine"))).andExpect(status().isUnauthorized());

        mvc.perform(form("/admin/people/" + user + "/password").with(admin()).with(csrf())
                .param("password", TEMPORARY))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/people/" + user))
                .andExpect(flash().attribute("notice", "Rosa Reset can log in with the temporary password you set, "
                        + "and must then choose their own."));
        assertThat(mvc.perform(page("/admin/people/" + user).with(admin())).andReturn().getResponse()
                .getContentAsString()).contains("Temporary: they choose their own at their next login.");
        mvc.perform(page("/").with(before)).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));

        // The API and the engine's API say why they refuse.
        MvcResult api = mvc.perform(page("/api/datasets").with(httpBasic(user, TEMPORARY))
                .accept(MediaType.APPLICATION_JSON)).andExpect(status().isForbidden()).andReturn();
        JsonNode problem = json.readTree(api.getResponse().getContentAsString());
        assertThat(problem.get("title").asText()).isEqualTo("Change your password first");
        assertThat(problem.get("detail").asText()).contains("/account", "POST /api/account/password");
        mvc.perform(page("/engine-rest/user").with(httpBasic(user, TEMPORARY))).andExpect(status().isForbidden());

        // Pages lead to the account page; a form elsewhere is refused.
        LoggedInSession session = logIn(TEMPORARY);
        for (String path : new String[] {"/", "/requests", "/tasks", "/requests/new", "/settings/email", "/admin"}) {
            mvc.perform(page(path).with(session)).andExpect(status().isFound()).andExpect(redirectedUrl("/account"));
        }
        mvc.perform(form("/settings/email").with(session).with(csrf())).andExpect(status().isForbidden());
        String account = mvc.perform(page("/account").with(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(account).contains("id=\"must-change\"", "An admin set the password you logged in with.");

        MvcResult changed = mvc.perform(form("/account/password").with(session).with(csrf())
                .param("currentPassword", TEMPORARY).param("newPassword", CHOSEN).param("confirmation", CHOSEN))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/account")).andReturn();
        LoggedInSession renewed = LoggedInSession.from(changed);
        mvc.perform(page("/requests").with(renewed)).andExpect(status().isOk());
        assertThat(mvc.perform(page("/account").with(renewed)).andReturn().getResponse().getContentAsString())
                .doesNotContain("id=\"must-change\"");
        mvc.perform(page("/api/datasets").with(httpBasic(user, CHOSEN))).andExpect(status().isOk());
        assertThat(people.mustChangePassword(user)).isFalse();

        assertThat(adminEvents("PASSWORD_RESET", user)).singleElement().satisfies(event -> {
            assertThat(event.getActor()).isEqualTo("admin");
            assertThat(event.getDetail()).contains(user, "temporary password").doesNotContain(TEMPORARY);
        });
        assertThat(adminEvents("PASSWORD_CHANGED", user)).singleElement()
                .satisfies(event -> assertThat(event.getActor()).isEqualTo(user));
    }

    @Test
    void aScriptChangesItsTemporaryPasswordThroughTheApi() throws Exception {
        people.resetPassword(ADMIN, user, TEMPORARY);
        mvc.perform(page("/api/tasks").with(httpBasic(user, TEMPORARY))).andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/api/account/password").with(httpBasic(user, TEMPORARY))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of(
                        "currentPassword", TEMPORARY, "newPassword", CHOSEN, "confirmation", CHOSEN))))
                .andExpect(status().isNoContent());
        mvc.perform(page("/api/tasks").with(httpBasic(user, CHOSEN))).andExpect(status().isOk());
    }

    private String reset(String password) throws Exception {
        return mvc.perform(form("/admin/people/" + user + "/password").with(admin()).with(csrf())
                .param("password", password)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private LoggedInSession logIn(String password) throws Exception {
        return LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(redirectedUrl("/")).andReturn());
    }
}
