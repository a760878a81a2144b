package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.steward.workflow.agreement.AgreementService;
import org.springframework.stereotype.Component;

/**
 * On completing a signing task with "sign": records the signature with its evidence (typed name, consent, the hash
 * of the text shown, IP and user agent); a refusal rolls the completion back.
 */
@Component("recordSignature")
@BuildingBlock
class RecordSignature implements TaskListener {

    /** Task-local variables through which the portal passes the signer's connection. */
    static final String CLIENT_IP = "clientIp";
    static final String USER_AGENT = "userAgent";

    private final AgreementService agreements;

    RecordSignature(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!"sign".equals(task.getVariable("decision"))) {
            return;
        }
        Authentication acting = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String signer = acting != null && acting.getUserId() != null ? acting.getUserId() : task.getAssignee();
        agreements.sign(task.getExecution().getProcessBusinessKey(), (String) task.getVariable("signatory"), signer,
                (String) task.getVariable("typedName"), (Boolean) task.getVariable("consent"),
                (String) task.getVariable("documentHash"), (String) task.getVariableLocal(CLIENT_IP),
                (String) task.getVariableLocal(USER_AGENT));
    }
}
