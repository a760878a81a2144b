package org.steward.portal.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.directory.DirectorySignIn;
import org.steward.workflow.directory.DirectoryService;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.task.TaskCommands;

/**
 * People who sign in through the city's directory, on the shared context's database (H2, or MariaDB under the
 * mariadb profile): their id, their groups through the mapping, a rename, a lost group and the tasks taken through it.
 */
class DirectoryPeopleTest extends IntegrationTest {

    private static final String ISSUER = "https://login.city.example/directory-people-test";

    @Autowired
    private DirectoryService directory;

    @Autowired
    private PeopleService people;

    @Autowired
    private TaskCommands commands;

    @Autowired
    private TaskService tasks;

    @Test
    void aDirectoryAccountNeverBecomesTheLocalAccountOfTheSameName() {
        Person signedIn = directory.signIn(person("sub-alex-elsewhere", "alex@city.example", List.of("admins")));
        assertThat(signedIn.id()).isNotEqualTo("alex").startsWith("alex-u-");
        // The local alex is untouched: still staff, not made admin by a directory group.
        assertThat(people.groupsOf("alex")).doesNotContain("admins");
        assertThat(people.authenticate("alex", "demo").succeeded()).isTrue();
        // Its token acts as the same directory person, not as alex.
        assertThat(directory.actingUserId(ISSUER, "sub-alex-elsewhere", "alex")).isEqualTo(signedIn.id());
        assertThat(directory.actingUserId(ISSUER, "sub-never-signed-in", "admin")).isNotEqualTo("admin");
    }

    @Test
    void aRenamedAccountStaysTheSamePersonWithItsNewName() {
        Person first = directory.signIn(new DirectorySignIn(ISSUER, "sub-rena", "rena.old@city.example", "Rena",
                "Oldname", null, "rena.old@city.example", List.of(), false));
        assertThat(first.id()).isEqualTo("rena-old");
        Person renamed = directory.signIn(new DirectorySignIn(ISSUER, "sub-rena", "rena.new@city.example", "Rena",
                "Newname", null, "rena.new@city.example", List.of(), false));
        assertThat(renamed.id()).isEqualTo("rena-old");
        assertThat(renamed.name()).isEqualTo("Rena Newname");
        assertThat(renamed.email()).isEqualTo("rena.new@city.example");
    }

    @Test
    void groupsComeThroughTheMappingOrAnEqualIdAndAdminsBySetting() {
        Person admin = people.find("admin").orElseThrow();
        directory.map(admin, "GRP-7f3a-finance-stewards", "stewards-fin");
        try {
            Person signedIn = directory.signIn(person("sub-finn", "finn@city.example",
                    List.of("GRP-7f3a-finance-stewards", "staff-fin", "no-such-steward-group")));
            assertThat(signedIn.groups()).containsExactlyInAnyOrder("stewards-fin", "staff-fin");

            Person named = directory.signIn(new DirectorySignIn(ISSUER, "sub-ana", "ana@city.example", "Ana",
                    "Admin", null, "ana@city.example", List.of(), true));
            assertThat(named.groups()).containsExactlyInAnyOrderElementsOf(PeopleService.ADMIN_GROUPS);
        } finally {
            directory.unmap(admin, "GRP-7f3a-finance-stewards", "stewards-fin");
        }
        assertThat(directory.mappings()).noneMatch(m -> m.directoryGroup().equals("GRP-7f3a-finance-stewards"));
    }

    @Test
    void onlyAdminsMapAndEachRefusalNamesItsField() {
        Person alex = people.find("alex").orElseThrow();
        assertThatThrownBy(() -> directory.map(alex, "X", "stewards-fin")).isInstanceOf(StewardProblem.class)
                .extracting(e -> ((StewardProblem) e).kind()).isEqualTo(StewardProblem.Kind.FORBIDDEN);
        Person admin = people.find("admin").orElseThrow();
        assertThatThrownBy(() -> directory.map(admin, " ", "not-a-group")).isInstanceOf(StewardProblem.class)
                .extracting(e -> ((StewardProblem) e).fieldErrors().keySet())
                .isEqualTo(java.util.Set.of("directoryGroup", "stewardGroup"));
    }

    @Test
    void aGroupLostAtTheDirectoryIsLostAtTheNextSignInAndItsTakenTaskGoesBackToTheGroup() {
        Person dora = directory.signIn(person("sub-dora", "dora@city.example", List.of("stewards-fin", "staff-fin")));
        assertThat(dora.groups()).contains("stewards-fin");
        Answer submitted = post("alex", "/api/requests", requestBody("Directory people test",
                "FIN-UTILITY-ACCOUNTS"));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(201);
        String reference = submitted.body().path("reference").asText();
        Task finance = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("stewards-fin")
                .singleResult();
        commands.claim(dora, finance.getId());
        assertThat(tasks.createTaskQuery().taskId(finance.getId()).singleResult().getAssignee()).isEqualTo(dora.id());

        Person after = directory.signIn(person("sub-dora", "dora@city.example", List.of("staff-fin")));
        assertThat(after.groups()).containsExactly("staff-fin");
        assertThat(people.groupsOf(dora.id())).doesNotContain("stewards-fin");
        assertThat(tasks.createTaskQuery().taskId(finance.getId()).singleResult().getAssignee())
                .as("the task went back to the Finance stewards").isNull();
        Answer history = get("alex", "/api/requests/" + reference);
        assertThat(history.status()).isEqualTo(200);
        assertThat(get("fiona", "/api/tasks?request=" + reference).body().toString()).contains(finance.getId());
    }

    private static DirectorySignIn person(String subject, String preferredUsername, List<String> groups) {
        return new DirectorySignIn(ISSUER, subject, preferredUsername, null, null, "Directory Person",
                preferredUsername, groups, false);
    }
}
