package org.steward.portal.account;

import org.steward.workflow.people.PeopleService.PasswordChange;

/** The change-password form as typed; no password is ever shown again, even when something needs fixing. */
public class PasswordForm {

    private String currentPassword;
    private String newPassword;
    private String confirmation;

    PasswordChange input() {
        return new PasswordChange(currentPassword, newPassword, confirmation);
    }

    /** Empties every box before the form is shown again. */
    void forget() {
        currentPassword = null;
        newPassword = null;
        confirmation = null;
    }

    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public String getConfirmation() { return confirmation; }
    public void setConfirmation(String confirmation) { this.confirmation = confirmation; }
}
