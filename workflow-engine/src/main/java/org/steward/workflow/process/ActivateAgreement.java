package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.agreement.AgreementService;
import org.springframework.stereotype.Component;

/** Puts the agreement in force once every signature is in. */
@Component("activateAgreement")
@BuildingBlock
class ActivateAgreement implements JavaDelegate {

    private final AgreementService agreements;

    ActivateAgreement(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        agreements.activate(execution.getProcessBusinessKey());
    }
}
