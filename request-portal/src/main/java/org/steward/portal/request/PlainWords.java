package org.steward.portal.request;

import java.util.EnumSet;
import java.util.Set;
import org.steward.workflow.agreement.AgreementStatus;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestStatus;
import org.springframework.stereotype.Component;

/**
 * Statuses, decisions and channels in the words city staff use, for every page (as {@code @plainWords} in
 * templates).
 */
@Component
public class PlainWords {

    /** Statuses in which a request is still on its way to delivery: the home page lists them. */
    public static final Set<RequestStatus> UNDER_WAY = EnumSet.of(RequestStatus.DRAFT, RequestStatus.STEWARD_REVIEW,
            RequestStatus.CHANGES_REQUESTED, RequestStatus.PRIVACY_REVIEW, RequestStatus.AGREEMENT_SIGNING,
            RequestStatus.DELIVERY, RequestStatus.IN_REVIEW);

    /** Statuses in which the process still listens for the requester's withdrawal. */
    public static final Set<RequestStatus> WITHDRAWABLE = EnumSet.of(RequestStatus.STEWARD_REVIEW,
            RequestStatus.CHANGES_REQUESTED, RequestStatus.PRIVACY_REVIEW, RequestStatus.AGREEMENT_SIGNING,
            RequestStatus.IN_REVIEW);

    /** Statuses after which nothing more happens to a request. */
    public static final Set<RequestStatus> ENDED = EnumSet.of(RequestStatus.DELIVERED, RequestStatus.EXPIRED,
            RequestStatus.TERMINATED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN);

    public String status(DataRequest request) {
        return status(request.getStatus(), request.getStatusStep());
    }

    /** A status in plain words; a step an admin added shows its own name. */
    public String status(RequestStatus status, String step) {
        if (status == null) {
            return "Unknown";
        }
        return status.inPlainWords(step);
    }

    /** The badge style of a status: under way, ended well, or ended otherwise. */
    public String badge(RequestStatus status) {
        if (status == RequestStatus.DELIVERED || status == RequestStatus.IN_FORCE) {
            return "badge--done";
        }
        return ENDED.contains(status) ? "badge--ended" : "badge--status";
    }

    /** As below, for an outcome that a step an admin added names in its model: in the model's words. */
    public String outcome(String outcome, String modelsWords) {
        String words = outcome(outcome);
        return words.equals(outcome) && modelsWords != null && !modelsWords.isBlank() ? modelsWords : words;
    }

    /** A decision or step outcome as it reads in a timeline; an outcome of a step an admin added shows as stored. */
    public String outcome(String outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome) {
            case "approve" -> "Approved";
            case "approve_with_conditions" -> "Approved with conditions";
            case "reject" -> "Rejected";
            case "changes" -> "Asked for changes";
            case "resubmit" -> "Sent again";
            case "withdraw", "withdrawn" -> "Withdrawn";
            case "sign" -> "Signed";
            case "decline" -> "Declined to sign";
            case "delivered" -> "Delivered";
            case "removed" -> "Access removed";
            case "submitted" -> "Submitted";
            case "revised" -> "Revised";
            case "completed" -> "Done";
            default -> outcome;
        };
    }

    /** How a person reached Steward to act. */
    public String channel(String channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case "web" -> "Web page";
            case "email" -> "Email link";
            case "api" -> "API";
            case "modeler" -> "Camunda Modeler";
            case "system" -> "Steward itself";
            default -> channel;
        };
    }

    public String agreementStatus(AgreementStatus status) {
        return status.inPlainWords();
    }
}
