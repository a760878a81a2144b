package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * The gate's refusal of a deployment. A ParseException, so that the engine's REST API answers 400 with it; its message,
 * the only thing the Camunda Modeler shows, names every offending element and its problem, one per line.
 */
public class ModelRefused extends ParseException {

    private final transient ModelReport report;

    ModelRefused(ModelReport report) {
        super(message(report), null, List.of(), List.of());
        this.report = report;
        this.resorceReports = reports(report);
    }

    /** Everything the gate found: the errors that refused the deployment, and the warnings. */
    public ModelReport report() {
        return report;
    }

    static String message(ModelReport report) {
        int count = report.errors().size();
        StringBuilder message = new StringBuilder("Steward cannot run this model (")
                .append(count).append(count == 1 ? " problem" : " problems")
                .append("); nothing was deployed.");
        for (Finding error : report.errors()) {
            message.append("\n- ").append(error.resource()).append(": ").append(error.line());
        }
        return message.toString();
    }

    private static List<ResourceReport> reports(ModelReport report) {
        Map<String, List<Problem>> errors = new LinkedHashMap<>();
        Map<String, List<Problem>> warnings = new LinkedHashMap<>();
        report.errors().forEach(f -> errors.computeIfAbsent(f.resource(), r -> new ArrayList<>()).add(problem(f)));
        report.warnings().forEach(f -> warnings.computeIfAbsent(f.resource(), r -> new ArrayList<>()).add(problem(f)));
        List<ResourceReport> reports = new ArrayList<>();
        for (String resource : errors.keySet()) {
            List<Problem> resourceErrors = errors.get(resource);
            List<Problem> resourceWarnings = warnings.getOrDefault(resource, List.of());
            reports.add(new ResourceReport() {
                @Override
                public String getResourceName() {
                    return resource;
                }

                @Override
                public List<Problem> getErrors() {
                    return resourceErrors;
                }

                @Override
                public List<Problem> getWarnings() {
                    return resourceWarnings;
                }
            });
        }
        return reports;
    }

    private static Problem problem(Finding finding) {
        return new FindingProblem(finding.problem(), finding.elementId());
    }

    /** A finding in the engine's terms, for the REST API's details. */
    private record FindingProblem(String message, String elementId) implements Problem {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return elementId;
        }

        @Override
        public List<String> getElementIds() {
            return elementId == null ? List.of() : List.of(elementId);
        }
    }
}
