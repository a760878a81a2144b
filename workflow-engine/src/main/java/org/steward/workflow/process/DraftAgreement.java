package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.agreement.AgreementService;
import org.springframework.stereotype.Component;

/** Drafts the next version of the agreement and names its signatories in {@code agreementSignatories}. */
@Component("draftAgreement")
@BuildingBlock
class DraftAgreement implements JavaDelegate {

    private final AgreementService agreements;

    DraftAgreement(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object round = execution.getVariable("round");
        AgreementService.Drafted drafted = agreements.draft(execution.getProcessBusinessKey(),
                round instanceof Integer r ? r : null);
        execution.setVariable("agreementNumber", drafted.agreement().getNumber());
        execution.setVariable("agreementVersion", drafted.agreement().getVersion());
        execution.setVariable("agreementSignatories", String.join(",", drafted.signatoryKeys()));
    }
}
