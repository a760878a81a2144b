package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.agreement.AgreementService;
import org.springframework.stereotype.Component;

/** Marks the agreement expired when its term ends. */
@Component("expireAgreement")
@BuildingBlock
class ExpireAgreement implements JavaDelegate {

    private final AgreementService agreements;

    ExpireAgreement(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        agreements.expire(execution.getProcessBusinessKey());
    }
}
