package org.steward.workflow.directory;

import java.util.Collection;

/**
 * What the city's OpenID Connect provider says about a person at sign-in: its issuer and stable subject, the names
 * and email in the ID token, the directory groups of the configured claim, and whether the settings name them admin.
 */
public record DirectorySignIn(String issuer, String subject, String preferredUsername, String givenName,
        String familyName, String fullName, String email, Collection<String> directoryGroups, boolean admin) {
}
