package org.steward.portal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.admin.AdminPageSupport;

/**
 * Passwords in the engine's identity service are stored with BCrypt, which the engine's own check (the one Cockpit
 * and the engine's REST API use) reads too; a hash of the engine's older kind is replaced at the next login; and the
 * engine's check no longer locks anyone out.
 */
class PasswordStorageTest extends AdminPageSupport {

    private static final String PASSWORD = "lanterns along the harbour wall";

    @Autowired
    private IdentityService identity;

    @Autowired
    private JdbcTemplate jdbc;

    private String user;

    @BeforeEach
    void aPersonOfTheirOwn() {
        user = "hash-" + fresh();
        people.createPerson(user, "Hal", "Hash", user + "@example.org", PASSWORD);
    }

    @AfterEach
    void liftTheirWaits() {
        people.unlock(user);
    }

    @Test
    void aNewPasswordIsStoredWithBcryptAndTheEngineChecksIt() {
        assertThat(stored().get("PWD_").toString()).startsWith("{bcrypt}$2a$10$");
        assertThat(identity.checkPassword(user, PASSWORD)).isTrue();
        assertThat(identity.checkPassword(user, PASSWORD + " ")).isFalse();

        // A person made through the engine, as Cockpit's admin page makes one, logs in to the portal.
        String cockpits = "cockpit-" + fresh();
        User made = identity.newUser(cockpits);
        made.setFirstName("Made");
        made.setLastName("InCockpit");
        made.setPassword(PASSWORD);
        identity.saveUser(made);
        assertThat(jdbc.queryForObject("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = ?", String.class, cockpits))
                .startsWith("{bcrypt}");
        assertThat(people.authenticate(cockpits, PASSWORD).succeeded()).isTrue();
    }

    @Test
    void anOldSha512HashIsReplacedAtTheNextLogin() throws Exception {
        // The engine's default before: salted SHA-512, as every installation until now stored its passwords.
        String salt = "c2FsdGVkSW5UaGVPbGREYXlz";
        jdbc.update("UPDATE ACT_ID_USER SET PWD_ = ?, SALT_ = ? WHERE ID_ = ?",
                "{SHA-512}" + new Sha512HashDigest().encrypt(PASSWORD + salt), salt, user);
        assertThat(identity.checkPassword(user, PASSWORD)).as("the engine still reads the old hash").isTrue();

        mvc.perform(page("/api/datasets").with(httpBasic(user, "not the password at all")))
                .andExpect(status().isUnauthorized());
        assertThat(stored().get("PWD_").toString()).as("a wrong password changes nothing").startsWith("{SHA-512}");
        people.unlock(user);

        mvc.perform(page("/api/datasets").with(httpBasic(user, PASSWORD))).andExpect(status().isOk());

        Map<String, Object> upgraded = stored();
        assertThat(upgraded.get("PWD_").toString()).startsWith("{bcrypt}$2a$10$");
        assertThat(upgraded.get("SALT_")).isNotEqualTo(salt);
        assertThat(identity.checkPassword(user, PASSWORD)).as("Cockpit agrees").isTrue();
        assertThat(identity.checkPassword(user, "not the password at all")).isFalse();
        mvc.perform(page("/api/datasets").with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void theEnginesCheckNeverLocksAnAccount() {
        for (int i = 0; i < 12; i++) {
            assertThat(identity.checkPassword(user, "a wrong guess " + i)).isFalse();
        }
        assertThat(identity.checkPassword(user, PASSWORD)).isTrue();
        Map<String, Object> row = stored();
        assertThat(row.get("ATTEMPTS_") == null ? 0 : ((Number) row.get("ATTEMPTS_")).intValue()).isZero();
        assertThat(row.get("LOCK_EXP_TIME_")).isNull();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        // BCrypt reads 72 bytes; the engine adds 24 characters of salt. Two passphrases that differ only at the end
        // must not both open the account.
        String longOne = "a sentence long enough to pass the seventy two bytes that bcrypt reads, then one more word";
        people.setPassword(user, longOne + " yes");
        assertThat(identity.checkPassword(user, longOne + " yes")).isTrue();
        assertThat(identity.checkPassword(user, longOne + " no!")).isFalse();
    }

    private Map<String, Object> stored() {
        return jdbc.queryForMap("SELECT PWD_, SALT_, ATTEMPTS_, LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ = ?", user);
    }
}
