package org.steward.portal.task;

import java.util.List;
import org.steward.workflow.task.TaskView;

/**
 * One field of a task's form as the page shows it: the control chosen from the field's type (and, for text and
 * yes/no answers, from its id and label), the name it is posted under, its rules, the value to show and its error.
 */
record FieldModel(String id, String name, String htmlId, String label, Widget widget, boolean required,
        String minLength, String maxLength, String min, String max, List<TaskView.Option> options, String value,
        String hint, String error, String autocomplete) {

    /** The control a field is shown with. */
    enum Widget { TEXT, TEXTAREA, NUMBER, DATE, CHECKBOX, YES_NO, SELECT, HIDDEN, READ_ONLY }

    public boolean checked() {
        return "true".equalsIgnoreCase(value);
    }

    public boolean answeredNo() {
        return "false".equalsIgnoreCase(value);
    }

    public boolean isSelected(String option) {
        return option != null && option.equals(value);
    }

    /** The ids of the hint and error that describe the control, for aria-describedby. */
    public String describedBy() {
        String ids = (hint == null ? "" : htmlId + "-hint ") + (error == null ? "" : htmlId + "-error");
        return ids.isBlank() ? null : ids.trim();
    }
}
