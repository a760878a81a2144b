package org.steward.workflow.audit;

import org.steward.workflow.audit.AuditDetail.AgreementDrafted;
import org.steward.workflow.audit.AuditDetail.AgreementEnded;
import org.steward.workflow.audit.AuditDetail.AgreementInForce;
import org.steward.workflow.audit.AuditDetail.AgreementSigned;
import org.steward.workflow.audit.AuditDetail.CatalogChanged;
import org.steward.workflow.audit.AuditDetail.Comment;
import org.steward.workflow.audit.AuditDetail.FileAttached;
import org.steward.workflow.audit.AuditDetail.GroupCreated;
import org.steward.workflow.audit.AuditDetail.GroupMapped;
import org.steward.workflow.audit.AuditDetail.ModelChanged;
import org.steward.workflow.audit.AuditDetail.PersonChanged;
import org.steward.workflow.audit.AuditDetail.Reason;
import org.steward.workflow.audit.AuditDetail.Reminder;
import org.steward.workflow.audit.AuditDetail.Renewed;
import org.steward.workflow.audit.AuditDetail.Revised;
import org.steward.workflow.audit.AuditDetail.RouteDecided;
import org.steward.workflow.audit.AuditDetail.StatusChanged;
import org.steward.workflow.audit.AuditDetail.Submitted;
import org.steward.workflow.audit.AuditDetail.TaskStep;
import org.steward.workflow.audit.AuditDetail.VersionMoved;

/**
 * Every kind of change the audit trail records, each with the kind of detail it carries, its name in plain words, and
 * whether a request's timeline shows it to the request's people. Stored by name; names never change.
 */
public enum AuditEventType {
    SUBMITTED("Request submitted", Submitted.class, false),
    REVISED("Request revised", Revised.class, false),
    WITHDRAWN("Request withdrawn", Reason.class, false),
    ATTACHMENT_ADDED("File attached", FileAttached.class, false),
    COMMENTED("Comment posted", Comment.class, false),
    ROUTE_DECIDED("Route decided", RouteDecided.class, false),
    STATUS_CHANGED("Status changed", StatusChanged.class, false),
    PROCESS_VERSION_CHANGED("Moved to another process version", VersionMoved.class, true),
    TASK_CREATED("Task created", TaskStep.class, false),
    TASK_CLAIMED("Task taken", TaskStep.class, false),
    TASK_UNCLAIMED("Task handed back", TaskStep.class, false),
    TASK_COMPLETED("Decision taken", TaskStep.class, false),
    TASK_CANCELLED("Task ended without a decision", TaskStep.class, false),
    REMINDER("Reminder sent", Reminder.class, false),
    ESCALATION("Escalation sent", Reminder.class, false),
    AGREEMENT_DRAFTED("Agreement drafted", AgreementDrafted.class, false),
    AGREEMENT_SIGNED("Agreement signed", AgreementSigned.class, false),
    AGREEMENT_IN_FORCE("Agreement in force", AgreementInForce.class, false),
    EXPIRY_REMINDER("Agreement expiry reminder sent", AgreementEnded.class, false),
    AGREEMENT_EXPIRED("Agreement expired", AgreementEnded.class, true),
    AGREEMENT_TERMINATED("Agreement ended early", AgreementEnded.class, true),
    AGREEMENT_RENEWED("Renewal requested", Renewed.class, true),
    MODEL_DEPLOYED("Process model deployed", ModelChanged.class, false),
    DEPARTMENT_CREATED("Department created", CatalogChanged.class, false),
    DEPARTMENT_CHANGED("Department changed", CatalogChanged.class, false),
    DATASET_CREATED("Dataset created", CatalogChanged.class, false),
    DATASET_CHANGED("Dataset changed", CatalogChanged.class, false),
    GROUP_CREATED("Group created", GroupCreated.class, false),
    PERSON_CREATED("Person created", PersonChanged.class, false),
    MEMBERSHIP_CHANGED("Group membership changed", PersonChanged.class, false),
    PERSON_UNLOCKED("Person's logins unlocked", PersonChanged.class, false),
    DIRECTORY_GROUP_MAPPED("Directory group mapping changed", GroupMapped.class, false),
    PASSWORD_CHANGED("Password changed", PersonChanged.class, false),
    PASSWORD_RESET("Temporary password set", PersonChanged.class, false);

    private final String words;
    private final Class<? extends AuditDetail> detail;
    private final boolean onTimeline;

    AuditEventType(String words, Class<? extends AuditDetail> detail, boolean onTimeline) {
        this.words = words;
        this.detail = detail;
        this.onTimeline = onTimeline;
    }

    /** The type's name in plain words, as the audit trail's page shows it. */
    public String words() {
        return words;
    }

    /** The kind of detail an event of this type carries. */
    public Class<? extends AuditDetail> detail() {
        return detail;
    }

    /**
     * Whether a request's timeline shows it to the request's people beside submissions and decisions: a move between
     * versions, an agreement that ended, a renewal.
     */
    public boolean onTimeline() {
        return onTimeline;
    }
}
