package org.steward.portal.admin;

/** The temporary password an admin sets for a person; never shown again, even when something needs fixing. */
public class TemporaryPasswordForm {

    private String password;

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
