package org.steward.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admins add people, change their groups and lift the hold on their logins; every change is audited. */
class AdminPeopleTest extends AdminPageSupport {

    private static final String PASSWORD = "a long password";

    private String suffix;
    private String person;

    @BeforeEach
    void aPersonOfItsOwn() {
        suffix = fresh();
        person = "pers-" + suffix;
        people.createPerson(person, "Petra", "Person", person + "@example.org", PASSWORD);
    }

    @Test
    void theListShowsEveryoneWithTheirGroups() throws Exception {
        String page = mvc.perform(page("/admin/people").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("<h1>People</h1>", "Fiona Fischer", "fiona@example.org", "stewards-fin",
                "admins, camunda-admin", "href=\"/admin/people/" + person + "\"", "href=\"/admin/people/new\"");
        String one = mvc.perform(page("/admin/people/wes").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(one).contains("<h1>Wes Weller</h1>", "wes@example.org", "from <span>custodians-pw</span>",
                "Normal: not held back.",
                "<option value=\"stewards-pw\">stewards-pw (Public Works data stewards)</option>")
                .doesNotContain("<option value=\"custodians-pw\"");
        mvc.perform(page("/admin/people/nobody-" + suffix).with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void anAdminAddsAPersonWhoCanThenLogInOverHttpBasic() throws Exception {
        String userId = "maria-" + suffix;
        mvc.perform(page("/api/datasets").with(httpBasic(userId, "her first password")))
                .andExpect(status().isUnauthorized());

        mvc.perform(form("/admin/people").with(admin()).with(csrf()).param("userId", userId)
                .param("firstName", "Maria").param("lastName", "Lopez").param("email", userId + "@example.org")
                .param("password", "her first password"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/people/" + userId))
                .andExpect(flash().attribute("notice", "Maria Lopez (" + userId + ") can now log in with the "
                        + "password you gave. Add them to their groups below."));

        mvc.perform(page("/api/datasets").with(httpBasic(userId, "her first password"))).andExpect(status().isOk());
        assertThat(people.find(userId).orElseThrow().email()).isEqualTo(userId + "@example.org");
        assertThat(mvc.perform(page("/admin/people").with(admin())).andReturn().getResponse().getContentAsString())
                .contains("Maria Lopez", userId + "@example.org");
        assertThat(adminEvents("PERSON_CREATED", userId)).singleElement().satisfies(e -> {
            assertThat(e.getActor()).isEqualTo("admin");
            assertThat(e.getDetail()).doesNotContain("her first password");
        });
    }

    @Test
    void aNewPersonWithMistakesIsRefusedNextToEachFieldWithTheInputKeptButThePassword() throws Exception {
        String page = mvc.perform(form("/admin/people").with(admin()).with(csrf()).param("userId", "Maria Lopez")
                .param("firstName", "Maria").param("lastName", "").param("email", "maria at example.org")
                .param("password", "short"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(page, "userId")).contains("field--error", "Use lower-case letters and digits, with single "
                + "hyphens between parts (such as maria-lopez)");
        assertThat(valueOf(page, "userId")).isEqualTo("Maria Lopez");
        assertThat(valueOf(page, "firstName")).isEqualTo("Maria");
        assertThat(field(page, "firstName")).doesNotContain("field--error");
        assertThat(field(page, "lastName")).contains("field--error", "Enter the last name.");
        assertThat(field(page, "email")).contains("field--error", "Enter an email address like name@example.org.");
        assertThat(valueOf(page, "email")).isEqualTo("maria at example.org");
        assertThat(field(page, "password")).contains("field--error", "Use at least 12 characters");
        assertThat(valueOf(page, "password")).isEmpty();
        assertThat(page).doesNotContain("short\"");

        String taken = mvc.perform(form("/admin/people").with(admin()).with(csrf()).param("userId", "alex")
                .param("firstName", "Alex").param("lastName", "Again").param("email", "alex2@example.org")
                .param("password", PASSWORD))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(taken, "userId")).contains("There is already a person with the user id alex.");
        assertThat(people.find("alex").orElseThrow().name()).isEqualTo("Alex Anders");
    }

    @Test
    void anAdminAddsAndRemovesAMembershipAndThePersonsGroupsChange() throws Exception {
        String group = "team-" + suffix;
        people.createGroup(group, "Team " + suffix);

        mvc.perform(form("/admin/people/" + person + "/groups").with(admin()).with(csrf()).param("group", group))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/people/" + person))
                .andExpect(flash().attribute("notice", "Petra Person is now in " + group + "."));
        assertThat(people.groupsOf(person)).containsExactly(group);
        assertThat(mvc.perform(page("/admin/people/" + person).with(admin())).andReturn().getResponse()
                .getContentAsString()).contains("from <span>" + group + "</span>");

        mvc.perform(form("/admin/people/" + person + "/groups/remove").with(admin()).with(csrf())
                .param("group", group))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/people/" + person))
                .andExpect(flash().attribute("notice", "Petra Person is no longer in " + group + "."));
        assertThat(people.groupsOf(person)).isEmpty();

        assertThat(adminEvents("MEMBERSHIP_CHANGED", person)).extracting(e -> e.getDetail())
                .containsExactly("Added " + person + " to " + group + ".",
                        "Removed " + person + " from " + group + ".");
    }

    @Test
    void anAdminCreatesAGroupAndAddsThePersonToIt() throws Exception {
        String group = "legal-" + suffix;
        mvc.perform(form("/admin/people/" + person + "/groups/new").with(admin()).with(csrf())
                .param("newGroup", group).param("newGroupName", "Legal review"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "Group " + group + " is created, and Petra Person is in it."));
        assertThat(people.groupsOf(person)).containsExactly(group);
        assertThat(people.groups()).anySatisfy(g -> {
            assertThat(g.id()).isEqualTo(group);
            assertThat(g.name()).isEqualTo("Legal review");
        });
        assertThat(adminEvents("GROUP_CREATED", group)).hasSize(1);
        assertThat(adminEvents("MEMBERSHIP_CHANGED", person)).hasSize(1);
    }

    @Test
    void membershipMistakesAreRefusedNextToTheirField() throws Exception {
        String none = mvc.perform(form("/admin/people/" + person + "/groups").with(admin()).with(csrf())
                .param("group", "")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(none, "group")).contains("field--error", "Choose a group to add Petra Person to.");

        people.addToGroup(person, "staff-cd");
        String already = mvc.perform(form("/admin/people/" + person + "/groups").with(admin()).with(csrf())
                .param("group", "staff-cd")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(already, "group")).contains("Petra Person is already in staff-cd.");

        String badName = mvc.perform(form("/admin/people/" + person + "/groups/new").with(admin()).with(csrf())
                .param("newGroup", "Legal Review").param("newGroupName", "Legal review"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(field(badName, "newGroup")).contains("field--error", "Use lower-case letters and digits");
        assertThat(valueOf(badName, "newGroup")).isEqualTo("Legal Review");
        assertThat(valueOf(badName, "newGroupName")).isEqualTo("Legal review");

        String existing = mvc.perform(form("/admin/people/" + person + "/groups/new").with(admin()).with(csrf())
                .param("newGroup", "privacy-office")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(field(existing, "newGroup")).contains("There is already a group privacy-office.");
        assertThat(people.groupsOf(person)).containsExactly("staff-cd");

        mvc.perform(form("/admin/people/nobody-" + suffix + "/groups").with(admin()).with(csrf())
                .param("group", "staff-cd")).andExpect(status().isNotFound());
    }

    @Test
    void anAdminCannotTakeThemselvesOutOfTheAdminGroups() throws Exception {
        String page = mvc.perform(form("/admin/people/admin/groups/remove").with(admin()).with(csrf())
                .param("group", "admins")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"remove-admins-error\"",
                "You cannot take yourself out of admins: ask another admin to do it.");
        assertThat(people.groupsOf("admin")).contains("admins", "camunda-admin");

        String notIn = mvc.perform(form("/admin/people/" + person + "/groups/remove").with(admin()).with(csrf())
                .param("group", "auditors")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(notIn).contains("Petra Person is not in auditors.");
    }

    @Test
    void anAdminUnlocksAPersonWhoseLoginsAreHeldBackAndTheyGetInAtOnce() throws Exception {
        // The hold after one failed try lasts seconds; the engine's clock stands still, so that reading the pages
        // below on a slow machine does not outlast it.
        ClockUtil.setCurrentTime(new Date());
        try {
            heldBackUntilUnlocked();
        } finally {
            ClockUtil.reset();
        }
    }

    private void heldBackUntilUnlocked() throws Exception {
        mvc.perform(page("/api/datasets").with(httpBasic(person, "a wrong guess")))
                .andExpect(status().isUnauthorized());
        String refused = mvc.perform(page("/api/datasets").with(httpBasic(person, PASSWORD)))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Too many failed tries");

        String list = mvc.perform(page("/admin/people").with(admin())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(list).contains("Held back for", "action=\"/admin/people/" + person + "/unlock\"");
        assertThat(mvc.perform(page("/admin").with(admin())).andReturn().getResponse().getContentAsString())
                .contains("their logins held back", "Petra Person");
        assertThat(mvc.perform(page("/admin/people/" + person).with(admin())).andReturn().getResponse()
                .getContentAsString()).contains("after failed tries.", "Unlock: let them log in now");

        mvc.perform(form("/admin/people/" + person + "/unlock").with(admin()).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/people/" + person))
                .andExpect(flash().attribute("notice", "Petra Person can log in again at once."));

        assertThat(people.heldBackFor(person)).isEmpty();
        mvc.perform(page("/api/datasets").with(httpBasic(person, PASSWORD))).andExpect(status().isOk());
        assertThat(adminEvents("PERSON_UNLOCKED", person)).singleElement().satisfies(e -> {
            assertThat(e.getActor()).isEqualTo("admin");
            assertThat(e.getDetail()).contains("was held back for");
        });
        mvc.perform(form("/admin/people/nobody-" + suffix + "/unlock").with(admin()).with(csrf()))
                .andExpect(status().isNotFound());
    }
}
