package org.steward.workflow.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What a person decided on one task: kept by the platform, whatever the engine's history cleanup removes. */
@Entity
@Table(name = "decision")
public class Decision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_reference")
    private String requestReference;
    @Column(name = "task_id")
    private String taskId;
    private String step;
    @Column(name = "step_name")
    private String stepName;
    private String department;
    @Column(name = "round_number")
    private Integer round;
    private String actor;
    private String outcome;
    @Column(name = "comment_text")
    private String comment;
    @Column(name = "conditions_text")
    private String conditions;
    private String channel;
    @Column(name = "fields_json")
    private String fieldsJson;
    @Column(name = "decided_at")
    private Instant decidedAt;
    /** When the task started waiting; null on decisions recorded before this was kept. */
    @Column(name = "waiting_since")
    private Instant waitingSince;
    /** Where the person decided from, kept as evidence (a signature's); null when unknown. */
    @Column(name = "client_ip")
    private String clientIp;
    @Column(name = "user_agent")
    private String userAgent;
    /** The emailed action link or partner's signing link the decision came through, if any. */
    @Column(name = "action_link_id")
    private Long actionLinkId;
    @Column(name = "signing_link_id")
    private Long signingLinkId;

    protected Decision() {
    }

    Decision(String requestReference, String taskId, String step, String stepName, String department, Integer round,
            String actor, String outcome, String comment, String conditions, String channel, String fieldsJson,
            Instant waitingSince, Instant decidedAt) {
        this.requestReference = requestReference;
        this.taskId = taskId;
        this.step = step;
        this.stepName = stepName;
        this.department = department;
        this.round = round;
        this.actor = actor;
        this.outcome = outcome;
        this.comment = comment;
        this.conditions = conditions;
        this.channel = channel;
        this.fieldsJson = fieldsJson;
        this.waitingSince = waitingSince;
        this.decidedAt = decidedAt;
    }

    /** Records where the decision came from: the person's connection and the link they used, if any. */
    Decision from(Client client, Long actionLinkId, Long signingLinkId) {
        this.clientIp = cut(client.ip(), 64);
        this.userAgent = cut(client.userAgent(), 500);
        this.actionLinkId = actionLinkId;
        this.signingLinkId = signingLinkId;
        return this;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public String getRequestReference() { return requestReference; }
    public String getTaskId() { return taskId; }
    public String getStep() { return step; }
    public String getStepName() { return stepName; }
    public String getDepartment() { return department; }
    public Integer getRound() { return round; }
    public String getActor() { return actor; }
    public String getOutcome() { return outcome; }
    public String getComment() { return comment; }
    public String getConditions() { return conditions; }
    public String getChannel() { return channel; }
    public String getFieldsJson() { return fieldsJson; }
    public Instant getDecidedAt() { return decidedAt; }
    public Instant getWaitingSince() { return waitingSince; }
    public String getClientIp() { return clientIp; }
    public String getUserAgent() { return userAgent; }
    public Long getActionLinkId() { return actionLinkId; }
    public Long getSigningLinkId() { return signingLinkId; }
}
