package org.steward.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The building blocks the shipped model names, for the bare engine: each does nothing of Steward's own work (no
 * request row, no audit event, no agreement, no email) but sets the process variables the real one sets, and the
 * model's helpers answer what the real ones answer for the demo city's Finance data asked for by Community
 * Development. So the engine walks the same path through the same model, and only Steward's work is left out.
 */
public final class NoOpBuildingBlocks {

    private NoOpBuildingBlocks() {
    }

    /** Every bean name the model uses, for {@code ProcessEngineConfiguration.setBeans}. */
    static Map<Object, Object> beans() {
        Map<Object, Object> beans = new HashMap<>();
        NoOp noOp = new NoOp();
        for (String name : List.of("setStatus", "sendReminder", "escalate", "recordRoute", "activateAgreement",
                "expireAgreement", "remindOfExpiry", "recordSignature")) {
            beans.put(name, noOp);
        }
        beans.put("gatherRouteFacts", (JavaDelegate) NoOpBuildingBlocks::gatherRouteFacts);
        beans.put("draftAgreement", (JavaDelegate) NoOpBuildingBlocks::draftAgreement);
        beans.put("workingDays", new WorkingDays());
        beans.put("departments", new Departments());
        beans.put("signatories", new Signatories());
        beans.put("agreements", new Agreements());
        return beans;
    }

    /** What Steward's gatherRouteFacts finds for FIN-UTILITY-ACCOUNTS (CONFIDENTIAL, personal data) sent to CD. */
    private static void gatherRouteFacts(DelegateExecution execution) {
        execution.setVariable("highestClassification", "CONFIDENTIAL");
        execution.setVariable("anyPii", true);
        execution.setVariable("recipientType", "INTERNAL");
        execution.setVariable("owningDepartments", "FIN");
        Object round = execution.getVariable("round");
        execution.setVariable("round", round instanceof Integer r ? r + 1 : 1);
    }

    /** The variables Steward's draftAgreement sets: the agreement's number and version, and who signs. */
    private static void draftAgreement(DelegateExecution execution) {
        execution.setVariable("agreementNumber", "DSA-" + execution.getProcessBusinessKey());
        execution.setVariable("agreementVersion", 1);
        execution.setVariable("agreementSignatories", "frank,dana");
    }

    /** A service task or task listener that does nothing. */
    public static final class NoOp implements JavaDelegate, TaskListener {

        @Override
        public void execute(DelegateExecution execution) {
        }

        @Override
        public void notify(DelegateTask task) {
        }
    }

    /** Steward's workingDays without holidays: the date a number of weekdays from now. */
    public static final class WorkingDays {

        public Date after(int days) {
            java.time.ZonedDateTime moment = java.time.ZonedDateTime.now();
            int counted = 0;
            while (counted < days) {
                moment = moment.plusDays(1);
                java.time.DayOfWeek day = moment.getDayOfWeek();
                if (day != java.time.DayOfWeek.SATURDAY && day != java.time.DayOfWeek.SUNDAY) {
                    counted++;
                }
            }
            return Date.from(moment.toInstant());
        }
    }

    /** The demo city's Finance department, the only owner in this lifecycle. */
    public static final class Departments {

        public List<String> list(String codes) {
            return codes == null || codes.isBlank() ? List.of()
                    : Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        public String stewardGroup(String code) {
            return "stewards-" + code.toLowerCase(java.util.Locale.ROOT);
        }

        public String custodianGroup(String code) {
            return "custodians-" + code.toLowerCase(java.util.Locale.ROOT);
        }

        public String signatory(String code) {
            return "FIN".equals(code) ? "frank" : "dana";
        }
    }

    /** Signatories who are people of the city sign their own task: the key is the assignee, no group. */
    public static final class Signatories {

        public List<String> list(String keys) {
            return new Departments().list(keys);
        }

        public String assignee(String key) {
            return key;
        }

        public String group(String key) {
            return null;
        }

        public List<String> candidateGroups(String key) {
            return List.of();
        }
    }

    /** The agreement's term: a year from now, its reminder thirty days before. */
    public static final class Agreements {

        public Date expiryDate(String reference) {
            return Date.from(Instant.now().plus(Duration.ofDays(365)));
        }

        public Date expiryReminderDate(String reference) {
            return Date.from(Instant.now().plus(Duration.ofDays(335)));
        }
    }
}
