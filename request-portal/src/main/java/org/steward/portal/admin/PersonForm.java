package org.steward.portal.admin;

import org.steward.workflow.people.PeopleService.NewPerson;

/** A new person as typed; the password is never shown again. */
public class PersonForm {

    private String userId;
    private String firstName;
    private String lastName;
    private String email;
    private String password;

    NewPerson input() {
        return new NewPerson(userId, firstName, lastName, email, password);
    }

    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
