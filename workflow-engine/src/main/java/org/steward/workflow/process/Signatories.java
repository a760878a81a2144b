package org.steward.workflow.process;

import java.util.List;
import org.steward.workflow.agreement.AgreementParty;
import org.springframework.stereotype.Component;

/**
 * Lets the signing step name its signatories: a user id signs their own task; a partner's signatory has no account
 * and signs through an emailed link, while the task waits in the partner-signature group (admins) so that someone in
 * the city sees it, is reminded of it, and can record a signature given on paper.
 */
@Component("signatories")
@BuildingBlock
public class Signatories {

    private final String partnerSignatureGroup;

    Signatories(ProcessSettings settings) {
        this.partnerSignatureGroup = settings.partnerSignatureGroup();
    }

    @ModelMethod
    public List<String> list(String keys) {
        return CommaList.of(keys);
    }

    @ModelMethod
    public String assignee(String key) {
        return AgreementParty.EXTERNAL.equals(key) ? null : key;
    }

    /** The group to remind for a partner's signature; none for a person who signs their own task. */
    @ModelMethod
    public String group(String key) {
        return AgreementParty.EXTERNAL.equals(key) ? partnerSignatureGroup : null;
    }

    @ModelMethod
    public List<String> candidateGroups(String key) {
        return AgreementParty.EXTERNAL.equals(key) ? List.of(partnerSignatureGroup) : List.of();
    }
}
