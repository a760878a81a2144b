package org.steward.workflow.people;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How logins are held back and passwords stored ({@code steward.login.*}): how slowly a refusal is answered, how long
 * repeated failures from one address make a name wait at most, and how costly the password hash is.
 *
 * @param refusalMillis a refused login is answered no sooner than this many milliseconds after it began, for real
 *     and unknown user names alike, so that the time an answer takes does not tell which names exist
 * @param delayMaxSeconds the longest wait, in seconds, that repeated failed logins of a name from one address impose
 *     before its next try from there; nobody is ever locked out for good, nor from another address
 * @param passwordHashCost the cost of the BCrypt hash that passwords are stored with (4 to 31; each step doubles the
 *     work of a check); a stored hash of a lower cost is replaced at its person's next login
 */
@ConfigurationProperties("steward.login")
public record LoginSettings(
        @DefaultValue("200") long refusalMillis,
        @DefaultValue("60") int delayMaxSeconds,
        @DefaultValue("10") int passwordHashCost) {

    public LoginSettings {
        if (passwordHashCost < 4 || passwordHashCost > 31) {
            throw new IllegalArgumentException("steward.login.password-hash-cost (STEWARD_LOGIN_PASSWORDHASHCOST) must "
                    + "be between 4 and 31; it is " + passwordHashCost + ". 10 is the usual choice.");
        }
    }
}
