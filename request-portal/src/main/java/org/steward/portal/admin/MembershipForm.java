package org.steward.portal.admin;

/** A change to one person's groups: an existing group, or a new group's id and name. The person is in the path. */
public class MembershipForm {

    private String group;
    private String newGroup;
    private String newGroupName;

    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public String getNewGroup() { return newGroup; }
    public void setNewGroup(String newGroup) { this.newGroup = newGroup; }
    public String getNewGroupName() { return newGroupName; }
    public void setNewGroupName(String newGroupName) { this.newGroupName = newGroupName; }
}
