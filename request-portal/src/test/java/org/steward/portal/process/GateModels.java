package org.steward.portal.process;

import java.nio.charset.StandardCharsets;

/** Small models for the gate's tests: one process, a start, the step under test, an end. */
final class GateModels {

    /** A user task the gate accepts: a candidate group, a decision, a due date. */
    static final String GOOD_TASK = """
            <bpmn:userTask id="step" name="Check it" camunda:candidateGroups="staff-cd"
                camunda:dueDate="${workingDays.after(2)}">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="decision" label="Decision" type="enum">
                    <camunda:value id="approve" name="Approve"/>
                    <camunda:value id="reject" name="Reject"/>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            """;

    private GateModels() {
    }

    /** A process of the given key around one step (its id "step" or its own), with the attributes given. */
    static String process(String key, String processAttributes, String step) {
        String stepId = step.replaceAll("(?s)^.*?id=\"([^\"]+)\".*$", "$1");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-%1$s"
                    targetNamespace="http://steward.example.org/test">
                  <bpmn:process id="%1$s" name="Gate test %1$s" isExecutable="true" %2$s>
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toStep" sourceRef="start" targetRef="%4$s"/>
                    %3$s
                    <bpmn:sequenceFlow id="toEnd" sourceRef="%4$s" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, processAttributes, step, stepId);
    }

    /** As above, keeping history for 30 days. */
    static String process(String key, String step) {
        return process(key, "camunda:historyTimeToLive=\"P30D\"", step);
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
