package org.steward.workflow.task;

import java.util.Map;
import java.util.Set;
import org.steward.workflow.people.Person;

/**
 * One decision on one task, whichever way it came: who, the task, the decision, the comment and the form's other
 * answers, how (page, API, email link, signing link), from where, and the link it came through, if any.
 *
 * @param person who decides; for a partner's signature, the outside signatory the signing link was sent to
 * @param actionLinkId the emailed action link it came through, if any: that link is used, the task's others voided
 * @param signingLinkId the partner's signing link it came through, if any: its authority replaces being a candidate
 */
public record TaskDecision(Person person, String taskId, String decision, String comment, Map<String, Object> fields,
        Channel channel, Client client, Long actionLinkId, Long signingLinkId) {

    public TaskDecision {
        fields = fields == null ? Map.of() : fields;
        client = client == null ? Client.UNKNOWN : client;
    }

    /** A decision taken on the task's page or through the API, by a signed-in person. */
    public static TaskDecision by(Person person, String taskId, String decision, String comment,
            Map<String, Object> fields, Channel channel, Client client) {
        return new TaskDecision(person, taskId, decision, comment, fields, channel, client, null, null);
    }

    /** A decision confirmed from an action link in the person's email: its decision is the link's. */
    public static TaskDecision throughActionLink(Person person, String taskId, String decision, String comment,
            long actionLinkId, Client client) {
        return new TaskDecision(person, taskId, decision, comment, Map.of(), Channel.EMAIL, client, actionLinkId,
                null);
    }

    /** An outside party's signature through the signing link they were emailed; they have no account. */
    public static TaskDecision signedThroughLink(String signer, String signerName, String taskId,
            Map<String, Object> fields, long signingLinkId, Client client) {
        return new TaskDecision(new Person(signer, signerName, null, Set.of()), taskId, "sign", null, fields,
                Channel.EMAIL, client, null, signingLinkId);
    }

    /** Whether the decider's authority is a partner's signing link rather than being one the task waits for. */
    public boolean bySigningLink() {
        return signingLinkId != null;
    }
}
