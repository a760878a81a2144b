package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import java.util.Optional;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.task.RecordedDecisions;
import org.springframework.stereotype.Component;

/**
 * On completing a signing task with "sign": records the signature with its evidence (typed name, consent, the hash
 * of the text shown, IP and user agent); a refusal rolls the completion back.
 */
@Component("recordSignature")
@BuildingBlock
class RecordSignature implements TaskListener {

    private final AgreementService agreements;
    private final RecordedDecisions decisions;

    RecordSignature(AgreementService agreements, RecordedDecisions decisions) {
        this.agreements = agreements;
        this.decisions = decisions;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!"sign".equals(task.getVariable("decision"))) {
            return;
        }
        // Steward's decisions are recorded, with their evidence, before the engine completes the task; one completed
        // through the engine's own API is signed by whoever it authenticated.
        Optional<RecordedDecisions.Decided> decided = decisions.on(task.getId());
        Authentication acting = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String signer = decided.map(RecordedDecisions.Decided::actor).orElse(
                acting != null && acting.getUserId() != null ? acting.getUserId() : task.getAssignee());
        agreements.sign(task.getExecution().getProcessBusinessKey(), (String) task.getVariable("signatory"), signer,
                (String) task.getVariable("typedName"), (Boolean) task.getVariable("consent"),
                (String) task.getVariable("documentHash"), decided.map(RecordedDecisions.Decided::clientIp).orElse(null),
                decided.map(RecordedDecisions.Decided::userAgent).orElse(null));
    }
}
