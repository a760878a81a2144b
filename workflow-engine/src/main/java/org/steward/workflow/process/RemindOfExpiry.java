package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.agreement.AgreementExpiring;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Tells the people on the request that its agreement ends in 30 days. */
@Component("remindOfExpiry")
@BuildingBlock
class RemindOfExpiry implements JavaDelegate {

    private final AgreementService agreements;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    RemindOfExpiry(AgreementService agreements, ApplicationEventPublisher events, AuditTrail audit) {
        this.agreements = agreements;
        this.events = events;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        agreements.current(reference).ifPresent(agreement -> {
            audit.record(reference, AuditEventType.EXPIRY_REMINDER, AuditTrail.SYSTEM, null,
                    new AuditDetail.AgreementEnded(agreement.getNumber(), agreement.getVersion(),
                            agreement.getExpiryDate(), null, null));
            events.publishEvent(new AgreementExpiring(reference, agreement.getNumber(), agreement.getExpiryDate()));
        });
    }
}
