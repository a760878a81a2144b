package org.steward.workflow.audit;

import java.time.LocalDate;
import java.util.List;

/**
 * The structured detail of one audit event, stored as JSON beside it; {@link #words()} says it in plain words for the
 * audit trail's page and CSV. Each event type has one kind of detail (see {@link AuditEventType}).
 */
public sealed interface AuditDetail {

    /** The detail in plain words. */
    String words();

    /** A detail with nothing structured: rows written before events were typed, whose text could not be read. */
    record Note(String text) implements AuditDetail {
        public String words() { return text == null ? "" : text; }
    }

    /** A request submitted, with its title, and the request it renews if it is a renewal. */
    record Submitted(String title, String renewalOf) implements AuditDetail {
        public String words() { return renewalOf == null ? title : title + " (renewal of " + renewalOf + ")"; }
    }

    /** A request renewed: the new request that asks for the data again, and its title. */
    record Renewed(String renewedBy, String title) implements AuditDetail {
        public String words() { return "Renewal requested in " + renewedBy + ": " + title; }
    }

    /** A revision of a request: its number and the fields the requester changed (the form's field names). */
    record Revised(Integer revision, List<String> fields) implements AuditDetail {
        public String words() { return "Revision " + revision + "; changed: " + String.join(", ", fields); }
    }

    /** A reason given in the person's own words (a withdrawal). */
    record Reason(String reason) implements AuditDetail {
        public String words() { return reason; }
    }

    /** A comment's text. */
    record Comment(String text) implements AuditDetail {
        public String words() { return text; }
    }

    /** A file attached to a request. */
    record FileAttached(String fileName, Long sizeBytes, String size) implements AuditDetail {
        public String words() { return fileName + " (" + size + ")"; }
    }

    /** The route the rules chose: whether a privacy review and an agreement are needed. */
    record RouteDecided(boolean privacyReview, boolean agreement) implements AuditDetail {
        public String words() {
            return "Privacy review " + (privacyReview ? "required" : "not required") + "; data-sharing agreement "
                    + (agreement ? "required" : "not required") + ".";
        }
    }

    /** A request's status changed, at a step if there was one. */
    record StatusChanged(String from, String to, String step) implements AuditDetail {
        public String words() {
            return "From " + plain(from) + " to " + plain(to) + (step == null ? "" : ", at step " + step);
        }

        private static String plain(String status) {
            return status == null || "null".equals(status) ? "nothing" : status.toLowerCase().replace('_', ' ');
        }
    }

    /** Something happened to a task: its step, its name, and the decision if one was taken. */
    record TaskStep(String step, String taskName, String outcome) implements AuditDetail {
        public String words() { return taskName + (step == null ? "" : " (" + step + ")")
                + (outcome == null ? "" : ": " + outcome); }
    }

    /** A reminder or escalation sent for a waiting step, and to whom. */
    record Reminder(String step, String department, List<String> people, List<String> groups) implements AuditDetail {
        public String words() {
            return step + (department == null ? "" : " (" + department + ")") + " -> "
                    + String.join(", ", people) + String.join(", ", groups);
        }
    }

    /** An agreement drafted: its number, version and the fingerprint of its text. */
    record AgreementDrafted(String number, Integer version, String sha256) implements AuditDetail {
        public String words() { return number + " version " + version + ", SHA-256 " + sha256; }
    }

    /** An agreement signed by someone for the parties they represent. */
    record AgreementSigned(String number, Integer version, String signedAs, List<String> represented)
            implements AuditDetail {
        public String words() { return number + " version " + version + " signed by " + signedAs + " for "
                + String.join(" and ", represented); }
    }

    /** An agreement in force until its expiry date, with the fingerprint of its signed PDF. */
    record AgreementInForce(String number, Integer version, LocalDate expires, String pdfSha256)
            implements AuditDetail {
        public String words() { return number + " version " + version + " in force until " + expires
                + "; signed PDF SHA-256 " + pdfSha256; }
    }

    /** An agreement that expires, expired, or ended early, with the reason given for ending it. */
    record AgreementEnded(String number, Integer version, LocalDate expires, String endedBy, String reason)
            implements AuditDetail {
        public String words() {
            if (reason != null) {
                return number + (version == null ? "" : " version " + version)
                        + (endedBy == null ? " " + reason : " ended early by " + endedBy + ": " + reason);
            }
            return number + (expires == null ? " expired" : " ends on " + expires);
        }
    }

    /** A request moved from one version of its process to another. */
    record VersionMoved(String process, int fromVersion, int toVersion) implements AuditDetail {
        public String words() { return "Moved from " + process + " version " + fromVersion + " to version " + toVersion
                + " by an admin."; }
    }

    /** A model deployed, through the admin pages, the Modeler or the engine's API, or with a release. */
    record ModelChanged(String key, String name, Integer version, String deploymentId) implements AuditDetail {
        public String words() { return (name == null ? key : name + " (" + key + ")")
                + (version == null ? "" : " version " + version); }
    }

    /** A department or dataset created or changed: its code and what was set or changed, one item each. */
    record CatalogChanged(String code, String name, List<String> changes) implements AuditDetail {
        public String words() { return code + (name == null ? "" : " " + name) + ": " + String.join("; ", changes)
                + "."; }
    }

    /** A group created, with its label and whom it is for. */
    record GroupCreated(String group, String label, String forWhom) implements AuditDetail {
        public String words() { return group + " (" + label + ")" + (forWhom == null ? "" : ", for " + forWhom); }
    }

    /**
     * A person created, put in or taken out of a group, unlocked, or their password changed or reset; {@code note} says
     * the rest in words (never a password).
     */
    record PersonChanged(String userId, String group, Boolean added, String note) implements AuditDetail {
        public String words() {
            if (group != null) {
                return Boolean.TRUE.equals(added) ? "Added " + userId + " to " + group + "."
                        : "Removed " + userId + " from " + group + ".";
            }
            return userId + (note == null ? "" : " " + note);
        }
    }

    /** A directory group of the city's sign-in given (or no longer giving) a Steward group. */
    record GroupMapped(String directoryGroup, String stewardGroup, boolean added) implements AuditDetail {
        public String words() {
            return (added ? "Members of the directory group " + directoryGroup + " are now in "
                    : "Members of the directory group " + directoryGroup + " are no longer put in ") + stewardGroup + ".";
        }
    }
}
