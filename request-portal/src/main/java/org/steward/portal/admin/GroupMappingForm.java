package org.steward.portal.admin;

/** One line of the directory group mapping as an admin types it. */
public class GroupMappingForm {

    private String directoryGroup;
    private String stewardGroup;

    public String getDirectoryGroup() { return directoryGroup; }
    public void setDirectoryGroup(String directoryGroup) { this.directoryGroup = directoryGroup; }
    public String getStewardGroup() { return stewardGroup; }
    public void setStewardGroup(String stewardGroup) { this.stewardGroup = stewardGroup; }
}
