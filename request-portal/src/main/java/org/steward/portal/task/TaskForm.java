package org.steward.portal.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person posts on a task's page: the decision button they pressed, the comment, and the other answers of the
 * form by field id ({@code fields[conditions]}). The task's id comes from the address only, never from the form.
 */
public class TaskForm {

    private String decision;
    private String comment;
    private Map<String, String> fields = new LinkedHashMap<>();

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    public void setFields(Map<String, String> fields) {
        this.fields = fields == null ? new LinkedHashMap<>() : fields;
    }
}
