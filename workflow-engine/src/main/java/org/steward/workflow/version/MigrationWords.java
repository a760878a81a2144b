package org.steward.workflow.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlanValidationReport;
import org.camunda.bpm.engine.migration.MigrationVariableValidationReport;

/**
 * The engine's refusals to move requests between versions, in plain words that name each step by its name and
 * element id: the engine's own sentence follows where no plainer one is known.
 */
final class MigrationWords {

    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private MigrationWords() {
    }

    /** The names of a version's steps by element id, to say which step a refusal is about. */
    record Steps(int version, Map<String, String> names) {

        Steps {
            names = Map.copyOf(names);
        }

        /** "“Review the request” (review)", or the id alone for a step with no name. */
        String label(String activityId) {
            if (activityId == null) {
                return "a step";
            }
            boolean repeated = activityId.endsWith(MULTI_INSTANCE_BODY);
            String id = repeated ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length())
                    : activityId;
            String name = names.get(id);
            String label = name == null || name.isBlank() ? id : "\u201c" + name.trim() + "\u201d (" + id + ")";
            return repeated ? label + ", repeated for each item" : label;
        }
    }

    /** Why the plan as a whole is refused: one line per step the engine cannot map, and per variable. */
    static List<String> plan(MigrationPlanValidationReport report, Steps source, Steps target) {
        List<String> lines = new ArrayList<>();
        for (MigrationInstructionValidationReport instruction : report.getInstructionReports()) {
            MigrationInstruction mapping = instruction.getMigrationInstruction();
            String from = source.label(mapping.getSourceActivityId());
            String to = mapping.getTargetActivityId() == null
                    || mapping.getTargetActivityId().equals(mapping.getSourceActivityId()) ? ""
                    : " to " + target.label(mapping.getTargetActivityId());
            for (String failure : instruction.getFailures()) {
                lines.add("Step " + from + to + ": " + failure(failure, target.version()));
            }
        }
        if (report.hasVariableReports()) {
            for (Map.Entry<String, MigrationVariableValidationReport> variable : report.getVariableReports()
                    .entrySet()) {
                for (String failure : variable.getValue().getFailures()) {
                    lines.add("Variable " + variable.getKey() + ": " + failure);
                }
            }
        }
        return lines;
    }

    /** Why one request cannot move: one line per step it is at that the engine will not move. */
    static List<String> instance(MigratingProcessInstanceValidationReport report, Steps source, Steps target) {
        List<String> lines = new ArrayList<>();
        report.getFailures().forEach(failure -> lines.add(failure(failure, target.version())));
        for (MigratingActivityInstanceValidationReport step : report.getActivityInstanceReports()) {
            for (String failure : step.getFailures()) {
                lines.add("It waits at " + source.label(step.getSourceScopeId()) + ": "
                        + failure(failure, target.version()));
            }
        }
        for (MigratingTransitionInstanceValidationReport step : report.getTransitionInstanceReports()) {
            for (String failure : step.getFailures()) {
                lines.add("It is about to continue at " + source.label(step.getSourceScopeId()) + ": "
                        + failure(failure, target.version()));
            }
        }
        if (lines.isEmpty()) {
            lines.add("The engine refused to move it without saying why.");
        }
        return lines;
    }

    /** One of the engine's validation failures in plain words; the engine's own sentence when none fits. */
    static String failure(String failure, int targetVersion) {
        String version = "version " + targetVersion;
        if (failure == null || failure.isBlank()) {
            return "the engine refused without saying why.";
        }
        if (failure.startsWith("There is no migration instruction for this instance's activity")) {
            return "the engine finds no step in " + version + " to carry it over to: no step there has this id, or the "
                    + "one that has is another kind of step or sits inside a different subprocess. Keep the step as "
                    + "it is in the new version, or let the request finish on its version.";
        }
        if (failure.startsWith("Activities have incompatible types")) {
            return "in " + version + " the element with this id is a different kind of step (" + failure + ").";
        }
        if (failure.startsWith("Events are not of the same type")) {
            return "in " + version + " the event with this id is a different kind of event (" + failure + ").";
        }
        if (failure.startsWith("The closest mapped ancestor")) {
            return "in " + version + " the step sits inside a different subprocess than now (" + failure + ").";
        }
        if (failure.startsWith("Target activity is not asyncBefore")
                || failure.startsWith("Target activity is not asyncAfter")) {
            return "it waits to be continued in the background, and the step in " + version + " is not set to "
                    + "continue in the background in the same way (" + failure + ").";
        }
        if (failure.startsWith("Cannot remove the inner activity of a multi-instance body")
                || failure.contains("multi-instance body")) {
            return "the step is repeated for each item in one version and not in the other (" + failure + ").";
        }
        return failure;
    }
}
