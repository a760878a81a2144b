package org.steward.portal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.LoggedInSession;
import org.steward.portal.admin.AdminPageSupport;

/**
 * A person changes their own password on the account page and through the API: the current one is required, every
 * problem is named at its field, and once changed the new password works at once everywhere (the login form, HTTP
 * Basic, the engine's own check that Cockpit uses) and the old one nowhere, whatever was remembered of it.
 */
class AccountPasswordTest extends AdminPageSupport {

    private static final String FIRST = "blue kettle on a windowsill";
    private static final String SECOND = "seven otters crossing the river";

    @Autowired
    private IdentityService identity;

    private String user;

    @BeforeEach
    void aPersonOfTheirOwn() {
        user = "acct-" + fresh();
        people.createPerson(user, "Ada", "Account", user + "@example.org", FIRST);
        people.addToGroup(user, "staff-cd");
    }

    @AfterEach
    void liftTheirWaits() {
        people.unlock(user);
    }

    @Test
    void theAccountPageShowsWhoTheyAreTheirGroupsAndThePasswordForm() throws Exception {
        String page = mvc.perform(page("/account").with(logIn(FIRST))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("<h1>Your account</h1>", "Ada Account", user + "@example.org", "staff-cd",
                "Change your password", "id=\"currentPassword\"", "id=\"newPassword\"", "id=\"confirmation\"",
                "href=\"/account\"").doesNotContain("id=\"must-change\"");
        mvc.perform(page("/account")).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void eachProblemIsNamedAtItsFieldAndNoPasswordIsShownAgain() throws Exception {
        LoggedInSession session = logIn(FIRST);
        String empty = change(session, "", "", "");
        assertThat(field(empty, "currentPassword")).contains("field--error", "Enter your current password.");
        assertThat(field(empty, "newPassword")).contains("field--error", "Enter a new password.");
        assertThat(field(empty, "confirmation")).contains("field--error", "Type the new password again.");
        assertThat(empty).contains("Some fields need attention");

        String shortOne = change(session, FIRST, "short one", "short one");
        assertThat(field(shortOne, "currentPassword")).doesNotContain("field--error");
        assertThat(field(shortOne, "newPassword")).contains("Use at least 12 characters");
        assertThat(field(shortOne, "confirmation")).doesNotContain("field--error");

        assertThat(field(change(session, FIRST, "I am " + user + " at the city", "I am " + user + " at the city"),
                "newPassword")).contains("does not contain the user name (" + user + ")");
        assertThat(field(change(session, FIRST, "Password1234", "Password1234"), "newPassword"))
                .contains("on the list of passwords that people choose most often");
        assertThat(field(change(session, FIRST, FIRST, FIRST), "newPassword"))
                .contains("Choose a password other than your current one.");
        String mismatch = change(session, FIRST, SECOND, SECOND + "!");
        assertThat(field(mismatch, "newPassword")).doesNotContain("field--error");
        assertThat(field(mismatch, "confirmation")).contains("This is not the same as the new password.");
        assertThat(mismatch).doesNotContain(SECOND, FIRST);
        for (String box : new String[] {"currentPassword", "newPassword", "confirmation"}) {
            assertThat(valueOf(mismatch, box)).as(box).isEmpty();
        }

        // A wrong current password is a failed login from this address, held back like one. The engine's clock
        // stands still on a whole second, so that the wait reads the same on a slow machine.
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        try {
            String wrong = change(session, "not my password at all", SECOND, SECOND);
            assertThat(field(wrong, "currentPassword")).contains("This is not your current password.");
            assertThat(field(change(session, FIRST, SECOND, SECOND), "currentPassword"))
                    .contains("Too many wrong passwords. Wait 3 seconds and try again.");
        } finally {
            ClockUtil.reset();
        }

        people.unlock(user);
        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isOk());
        assertThat(adminEvents("PASSWORD_CHANGED", user)).isEmpty();
    }

    @Test
    void aChangedPasswordWorksAtOnceEverywhereAndTheOldOneNowhere() throws Exception {
        LoggedInSession elsewhere = logIn(FIRST);
        LoggedInSession session = logIn(FIRST);
        // A client that sends the password with every call: the right one is remembered for a few minutes.
        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isOk());
        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isOk());

        MvcResult changed = mvc.perform(form("/account/password").with(session).with(csrf())
                .param("currentPassword", FIRST).param("newPassword", SECOND).param("confirmation", SECOND))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/account")).andReturn();
        // The session goes on under a new id; the one logged in elsewhere with the old password has ended.
        LoggedInSession renewed = LoggedInSession.from(changed);
        assertThat(renewed.cookie().getValue()).isNotEqualTo(session.cookie().getValue());
        assertThat(mvc.perform(page("/account").with(renewed)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("Your password is changed.");
        mvc.perform(page("/").with(elsewhere)).andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/login"));

        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isUnauthorized());
        people.unlock(user);
        mvc.perform(page("/api/datasets").with(httpBasic(user, SECOND))).andExpect(status().isOk());
        mvc.perform(formLogin("/login").user(user).password(FIRST)).andExpect(redirectedUrl("/login?error"));
        people.unlock(user);
        mvc.perform(formLogin("/login").user(user).password(SECOND)).andExpect(redirectedUrl("/"));
        // The engine's own check, which Cockpit and the engine's REST API use, agrees.
        assertThat(identity.checkPassword(user, SECOND)).isTrue();
        assertThat(identity.checkPassword(user, FIRST)).isFalse();

        assertThat(adminEvents("PASSWORD_CHANGED", user)).singleElement().satisfies(event -> {
            assertThat(event.getActor()).isEqualTo(user);
            assertThat(event.getChannel()).isEqualTo("web");
            assertThat(event.getDetail()).isEqualTo(user + " changed their password").doesNotContain(FIRST, SECOND);
        });
    }

    @Test
    void theApiChangesThePasswordUnderTheSameRules() throws Exception {
        MvcResult refused = mvc.perform(MockMvcRequestBuilders.post("/api/account/password")
                .with(httpBasic(user, FIRST)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("currentPassword", FIRST, "newPassword", "too short",
                        "confirmation", "not the same"))))
                .andExpect(status().isBadRequest()).andReturn();
        JsonNode errors = json.readTree(refused.getResponse().getContentAsString()).get("errors");
        assertThat(errors.get("newPassword").asText()).startsWith("Use at least 12 characters");
        assertThat(errors.get("confirmation").asText()).isEqualTo("This is not the same as the new password. Type it "
                + "again.");
        assertThat(errors.has("currentPassword")).isFalse();

        mvc.perform(MockMvcRequestBuilders.post("/api/account/password").with(httpBasic(user, FIRST))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of(
                        "currentPassword", FIRST, "newPassword", SECOND, "confirmation", SECOND))))
                .andExpect(status().isNoContent());
        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isUnauthorized());
        people.unlock(user);
        mvc.perform(page("/api/datasets").with(httpBasic(user, SECOND))).andExpect(status().isOk());
        assertThat(adminEvents("PASSWORD_CHANGED", user)).singleElement()
                .satisfies(event -> assertThat(event.getChannel()).isEqualTo("api"));
    }

    @Test
    void aRememberedPasswordStillMeetsTheGroupsOfNow() throws Exception {
        people.addToGroup(user, "auditors");
        mvc.perform(page("/api/audit").with(httpBasic(user, FIRST))).andExpect(status().isOk());
        mvc.perform(page("/api/audit").with(httpBasic(user, FIRST))).andExpect(status().isOk());

        people.removeMembership(ADMIN, user, "auditors");

        mvc.perform(page("/api/audit").with(httpBasic(user, FIRST))).andExpect(status().isForbidden());
        mvc.perform(page("/api/datasets").with(httpBasic(user, FIRST))).andExpect(status().isOk());
    }

    private LoggedInSession logIn(String password) throws Exception {
        return LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(redirectedUrl("/")).andReturn());
    }

    /** Posts the change-password form; answers the page shown again. */
    private String change(LoggedInSession session, String current, String next, String confirmation)
            throws Exception {
        return mvc.perform(form("/account/password").with(session).with(csrf()).param("currentPassword", current)
                .param("newPassword", next).param("confirmation", confirmation))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
