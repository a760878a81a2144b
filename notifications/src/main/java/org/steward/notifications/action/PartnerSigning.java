package org.steward.notifications.action;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import org.steward.workflow.agreement.AgreementParty;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;
import org.steward.workflow.agreement.Signature;
import org.steward.workflow.task.Client;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing links for an outside party's signatory, who has no account: the same token machinery as email actions
 * (random token, only its hash kept, single use, expiring, void when the task ends), opening the agreement's exact
 * text and the signing form.
 */
@Service
public class PartnerSigning {

    /** Links of outside signatories carry this prefix instead of a user id. */
    static final String PARTNER = "partner:";

    private final ActionLinkRepository links;
    private final ActionLinks actionLinks;
    private final Inbox tasks;
    private final TaskCommands commands;
    private final AgreementService agreements;
    private final Clock clock;

    PartnerSigning(ActionLinkRepository links, ActionLinks actionLinks, Inbox tasks, TaskCommands commands,
            AgreementService agreements, Clock clock) {
        this.links = links;
        this.actionLinks = actionLinks;
        this.tasks = tasks;
        this.commands = commands;
        this.agreements = agreements;
        this.clock = clock;
    }

    /**
     * What a signing link opens, and whether it can be used; once used, when, and the name typed by whoever signed for
     * the partner (null until then).
     */
    public record SigningLink(LinkCheck.State state, String reference, String taskId, String organisation,
            String signatoryName, String signatoryEmail, DataSharingAgreement agreement, Instant expiresAt,
            Instant usedAt, String signedBy) {
    }

    /** What one use of a signing link came to: the link as it is now, and whether this use is the one that signed. */
    public record Attempt(SigningLink link, boolean signedNow) {
    }

    /** Makes the signing link of a partner's signing task; the token returned is kept nowhere else. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String mint(long emailId, String taskId, String signatoryEmail, String reference) {
        return actionLinks.mint(emailId, taskId, signer(signatoryEmail), "sign", reference);
    }

    /** The agreement to sign and whether the link can still be used; changes nothing. */
    @Transactional(readOnly = true)
    public SigningLink open(String token) {
        Optional<ActionLink> found = token == null || token.length() > 100 ? Optional.empty()
                : links.findByTokenHash(ActionLinks.hash(token));
        if (found.isEmpty() || !found.get().getPersonId().startsWith(PARTNER)) {
            return new SigningLink(LinkCheck.State.NOT_FOUND, null, null, null, null, null, null, null, null, null);
        }
        ActionLink link = found.get();
        DataSharingAgreement agreement = agreements.current(link.getRequestReference()).orElse(null);
        AgreementParty partner = agreement == null ? null : agreements.partiesOf(agreement).stream()
                .filter(p -> AgreementParty.EXTERNAL.equals(p.getSignatoryKey())).findFirst().orElse(null);
        LinkCheck.State state;
        if (link.getUsedAt() != null) {
            state = LinkCheck.State.USED;
        } else if (link.getVoidedAt() != null || tasks.waiting(link.getTaskId()).isEmpty()) {
            state = LinkCheck.State.VOIDED;
        } else if (!link.getExpiresAt().isAfter(clock.instant())) {
            state = LinkCheck.State.EXPIRED;
        } else {
            state = LinkCheck.State.VALID;
        }
        String signedBy = link.getUsedAt() == null || agreement == null ? null : agreements.signaturesOf(agreement)
                .stream().filter(s -> AgreementParty.EXTERNAL.equals(s.getSignatoryKey())).map(Signature::getTypedName)
                .findFirst().orElse(null);
        return new SigningLink(state, link.getRequestReference(), link.getTaskId(),
                partner == null ? null : partner.getPartyName(), partner == null ? null : partner.getSignatoryName(),
                partner == null ? null : partner.getSignatoryEmail(), agreement, link.getExpiresAt(),
                link.getUsedAt(), signedBy);
    }

    /**
     * Signs for the partner: uses the link up and completes the signing task with the typed name, consent and the
     * hash of the text shown, in one transaction. A refused signature (no name, no consent, a text that changed) is
     * thrown as the task service's problem and leaves the link usable. Of two uses at the same moment, one signs;
     * the other waits for the link's row, finds it used and says so ({@code signedNow} false).
     */
    @Transactional
    public Attempt sign(String token, String typedName, Boolean consent, String shownSha256,
            Client client) {
        SigningLink link = open(token);
        if (link.state() != LinkCheck.State.VALID) {
            return new Attempt(link, false);
        }
        ActionLink row = links.findByTokenHash(ActionLinks.hash(token)).orElseThrow();
        if (links.use(row.getId(), clock.instant()) != 1) {
            return new Attempt(open(token), false);
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("typedName", typedName);
        fields.put("consent", consent == null ? Boolean.FALSE : consent);
        fields.put("documentHash", shownSha256);
        commands.decide(TaskDecision.signedThroughLink(row.getPersonId(),
                link.signatoryName() == null ? link.organisation() : link.signatoryName(), row.getTaskId(), fields,
                row.getId(), client));
        return new Attempt(open(token), true);
    }

    /** The signer recorded for a partner's signatory: their address, within the column's 64 characters. */
    static String signer(String email) {
        String signer = PARTNER + (email == null ? "" : email.trim().toLowerCase());
        return signer.length() <= 64 ? signer : signer.substring(0, 64);
    }
}
