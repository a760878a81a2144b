package org.steward.workflow.people;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How logins are held back ({@code steward.login.*}): how slowly a refusal is answered and how long repeated
 * failures make a person wait at most.
 *
 * @param refusalMillis a refused login is answered no sooner than this many milliseconds after it began, for real
 *     and unknown user names alike, so that the time an answer takes does not tell which names exist
 * @param delayMaxSeconds the longest wait, in seconds, that repeated failed logins impose before the next try;
 *     nobody is ever locked out for good
 */
@ConfigurationProperties("steward.login")
public record LoginSettings(
        @DefaultValue("200") long refusalMillis,
        @DefaultValue("60") int delayMaxSeconds) {
}
