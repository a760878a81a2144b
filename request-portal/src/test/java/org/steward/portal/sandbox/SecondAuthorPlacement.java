package org.steward.portal.sandbox;

import static org.steward.portal.sandbox.SecondAuthorProbe.process;
import static org.steward.portal.sandbox.SecondAuthorProbe.userTask;

/**
 * Places in a model where the engine evaluates an expression that the first suite's {@link Placement} does not
 * cover: %1$s is the process key, %2$s the expression (XML-escaped). Each names how the probe makes the engine reach
 * it.
 */
enum SecondAuthorPlacement {

    /** A user task's documentation becomes its description, evaluated as an expression when the task is created. */
    TASK_DOCUMENTATION(Trigger.START, "", "", Placement.step(userTask("step", "", "",
            "<bpmn:documentation>%2$s</bpmn:documentation>"))),
    TASK_NAME(Trigger.START, "", "", Placement.step(userTask("step", "", "", "")
            .replace("name=\"Probe\"", "name=\"%2$s\""))),
    TASK_FOLLOW_UP_DATE(Trigger.START, "", "", Placement.step(userTask("step", "camunda:followUpDate=\"%2$s\"", "",
            ""))),
    TASK_PRIORITY(Trigger.START, "", "", Placement.step(userTask("step", "camunda:priority=\"%2$s\"", "", ""))),
    CANDIDATE_USERS(Trigger.START, "", "", Placement.step(userTask("step", "camunda:candidateUsers=\"%2$s\"", "",
            ""))),
    ASSIGNMENT_LISTENER(Trigger.START, "", "", Placement.step(userTask("step", "camunda:assignee=\"admin\"",
            "<camunda:taskListener event=\"assignment\" expression=\"%2$s\"/>", ""))),
    TASK_FORM_DEFAULT(Trigger.TASK_FORM, "", "", Placement.step(userTask("step", "", "", "").replace(
            "</camunda:formData>", "<camunda:formField id=\"copy\" type=\"string\" defaultValue=\"%2$s\"/>"
                    + "</camunda:formData>"))),
    TASK_FORM_LABEL(Trigger.TASK_FORM, "", "", Placement.step(userTask("step", "", "", "").replace(
            "</camunda:formData>", "<camunda:formField id=\"copy\" type=\"string\" label=\"%2$s\"/>"
                    + "</camunda:formData>"))),
    TAKE_LISTENER(Trigger.START, "", "", """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end">
              <bpmn:extensionElements>
                <camunda:executionListener event="take" expression="%2$s"/>
              </bpmn:extensionElements>
            </bpmn:sequenceFlow>
            <bpmn:endEvent id="end"/>
            """),
    PROCESS_END_LISTENER(Trigger.START, "", "", """
            <bpmn:extensionElements>
              <camunda:executionListener event="end" expression="%2$s"/>
            </bpmn:extensionElements>
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """),
    CALL_IN_SOURCE_EXPRESSION(Trigger.START, "", "", Placement.step("""
            <bpmn:callActivity id="step" calledElement="data-request">
              <bpmn:extensionElements><camunda:in sourceExpression="%2$s" target="copy"/></bpmn:extensionElements>
            </bpmn:callActivity>""")),
    CALL_BUSINESS_KEY(Trigger.START, "", "", Placement.step("""
            <bpmn:callActivity id="step" calledElement="data-request">
              <bpmn:extensionElements><camunda:in businessKey="%2$s"/></bpmn:extensionElements>
            </bpmn:callActivity>""")),
    CALL_TENANT(Trigger.START, "", "", Placement.step(
            "<bpmn:callActivity id=\"step\" calledElement=\"data-request\" camunda:calledElementTenantId=\"%2$s\"/>")),
    CALL_VERSION(Trigger.START, "", "", Placement.step("<bpmn:callActivity id=\"step\" calledElement=\"data-request\""
            + " camunda:calledElementBinding=\"version\" camunda:calledElementVersion=\"%2$s\"/>")),
    CALL_VARIABLE_MAPPING_DELEGATE(Trigger.START, "", "", Placement.step("<bpmn:callActivity id=\"step\""
            + " calledElement=\"data-request\" camunda:variableMappingDelegateExpression=\"%2$s\"/>")),
    DECISION_TENANT(Trigger.START, "", "", Placement.step("<bpmn:businessRuleTask id=\"step\""
            + " camunda:decisionRef=\"route\" camunda:decisionRefTenantId=\"%2$s\" camunda:resultVariable=\"copy\""
            + " camunda:mapDecisionResult=\"singleEntry\"/>")),
    DECISION_VERSION(Trigger.START, "", "", Placement.step("<bpmn:businessRuleTask id=\"step\""
            + " camunda:decisionRef=\"route\" camunda:decisionRefBinding=\"version\""
            + " camunda:decisionRefVersion=\"%2$s\" camunda:resultVariable=\"copy\""
            + " camunda:mapDecisionResult=\"singleEntry\"/>")),
    JOB_PRIORITY(Trigger.START, "", "", Placement.step(
            "<bpmn:manualTask id=\"step\" camunda:asyncBefore=\"true\" camunda:jobPriority=\"%2$s\"/>")),
    PROCESS_JOB_PRIORITY(Trigger.START, "", "camunda:jobPriority=\"%2$s\"", Placement.step(
            "<bpmn:manualTask id=\"step\" camunda:asyncBefore=\"true\"/>")),
    EXTERNAL_TOPIC(Trigger.START, "", "", Placement.step(
            "<bpmn:serviceTask id=\"step\" camunda:type=\"external\" camunda:topic=\"%2$s\"/>")),
    EXTERNAL_TASK_PRIORITY(Trigger.START, "", "", Placement.step("<bpmn:serviceTask id=\"step\""
            + " camunda:type=\"external\" camunda:topic=\"probe\" camunda:taskPriority=\"%2$s\"/>")),
    TIMER_DURATION(Trigger.START, "", "", Placement.step("""
            <bpmn:intermediateCatchEvent id="step">
              <bpmn:timerEventDefinition><bpmn:timeDuration>%2$s</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>""")),
    TIMER_CYCLE(Trigger.START, "", "", Placement.step("""
            <bpmn:intermediateCatchEvent id="step">
              <bpmn:timerEventDefinition><bpmn:timeCycle>%2$s</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>""")),
    BOUNDARY_TIMER(Trigger.START, "", "", Placement.step(userTask("step", "", "", "")) + """
            <bpmn:boundaryEvent id="late" attachedToRef="step">
              <bpmn:timerEventDefinition><bpmn:timeDuration>%2$s</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="toLateEnd" sourceRef="late" targetRef="lateEnd"/>
            <bpmn:endEvent id="lateEnd"/>
            """),
    LOOP_CARDINALITY(Trigger.START, "", "", Placement.step("""
            <bpmn:manualTask id="step">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">%2$s</bpmn:loopCardinality>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:manualTask>""")),
    COMPLETION_CONDITION(Trigger.START, "", "", Placement.step("""
            <bpmn:manualTask id="step">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">1</bpmn:loopCardinality>
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">%2$s</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:manualTask>""")),
    INCLUSIVE_CONDITION(Trigger.START, "", "", """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toChoice" sourceRef="start" targetRef="choice"/>
            <bpmn:inclusiveGateway id="choice" default="toOther"/>
            <bpmn:sequenceFlow id="toYes" sourceRef="choice" targetRef="yes">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">%2$s</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toOther" sourceRef="choice" targetRef="other"/>
            <bpmn:endEvent id="yes"/>
            <bpmn:endEvent id="other"/>
            """),
    SIGNAL_NAME(Trigger.START, "<bpmn:signal id=\"probeSignal\" name=\"%2$s\"/>", "", Placement.step("""
            <bpmn:intermediateThrowEvent id="step">
              <bpmn:signalEventDefinition signalRef="probeSignal"/>
            </bpmn:intermediateThrowEvent>""")),
    ERROR_MESSAGE(Trigger.START, "<bpmn:error id=\"probeError\" errorCode=\"probe\" camunda:errorMessage=\"%2$s\"/>",
            "", """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toInner" sourceRef="start" targetRef="inner"/>
            <bpmn:subProcess id="inner">
              <bpmn:startEvent id="innerStart"/>
              <bpmn:sequenceFlow id="toFail" sourceRef="innerStart" targetRef="fail"/>
              <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="probeError"/></bpmn:endEvent>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="caught" attachedToRef="inner">
              <bpmn:errorEventDefinition errorRef="probeError" camunda:errorMessageVariable="copy"/>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="inner" targetRef="end"/>
            <bpmn:sequenceFlow id="toCaughtEnd" sourceRef="caught" targetRef="caughtEnd"/>
            <bpmn:endEvent id="end"/>
            <bpmn:endEvent id="caughtEnd"/>
            """),
    INPUT_MAP_ENTRY(Trigger.START, "", "", Placement.step("""
            <bpmn:manualTask id="step">
              <bpmn:extensionElements>
                <camunda:inputOutput><camunda:inputParameter name="copy"><camunda:map>
                  <camunda:entry key="k">%2$s</camunda:entry>
                </camunda:map></camunda:inputParameter></camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:manualTask>""")),
    MESSAGE_THROW_EXPRESSION(Trigger.START, "", "", Placement.step("""
            <bpmn:intermediateThrowEvent id="step">
              <bpmn:messageEventDefinition camunda:expression="%2$s"/>
            </bpmn:intermediateThrowEvent>"""));

    /** How the probe makes the engine evaluate the expression. */
    enum Trigger {
        /** Start an instance (and run the jobs it leaves): the expression runs on the way. */
        START,
        /** Start an instance, then read the form of the task it waits in. */
        TASK_FORM
    }

    final Trigger trigger;
    private final String besides;
    private final String processAttributes;
    private final String body;

    SecondAuthorPlacement(Trigger trigger, String besides, String processAttributes, String body) {
        this.trigger = trigger;
        this.besides = besides;
        this.processAttributes = processAttributes;
        this.body = body;
    }

    /** The whole model, for the process key given. */
    String model(String key, String expression) {
        String escaped = SecondAuthorProbe.xml(expression);
        return process(key, besides.formatted(key, escaped), processAttributes.formatted(key, escaped),
                body.formatted(key, escaped));
    }
}
