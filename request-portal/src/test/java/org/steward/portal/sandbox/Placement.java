package org.steward.portal.sandbox;

/**
 * Where in a model an expression can sit, each evaluated by the engine at another moment: the model around one
 * expression (%1$s: the process key, %2$s: the expression, XML-escaped) and how a probe makes the engine reach it.
 */
enum Placement {

    CONDITION(Trigger.START, """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toChoice" sourceRef="start" targetRef="choice"/>
            <bpmn:exclusiveGateway id="choice" default="toOther"/>
            <bpmn:sequenceFlow id="toYes" sourceRef="choice" targetRef="yes">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">%2$s</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toOther" sourceRef="choice" targetRef="other"/>
            <bpmn:endEvent id="yes"/>
            <bpmn:endEvent id="other"/>
            """),
    START_LISTENER(Trigger.START, """
            <bpmn:startEvent id="start">
              <bpmn:extensionElements>
                <camunda:executionListener event="start" expression="%2$s"/>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """),
    END_LISTENER(Trigger.START, """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end">
              <bpmn:extensionElements>
                <camunda:executionListener event="end" expression="%2$s"/>
              </bpmn:extensionElements>
            </bpmn:endEvent>
            """),
    INPUT_MAPPING(Trigger.START, task("camunda:candidateGroups=\"staff-cd\"",
            "<camunda:inputOutput><camunda:inputParameter name=\"copy\">%2$s</camunda:inputParameter>"
                    + "</camunda:inputOutput>")),
    LIST_MAPPING(Trigger.START, task("camunda:candidateGroups=\"staff-cd\"",
            "<camunda:inputOutput><camunda:inputParameter name=\"copy\"><camunda:list><camunda:value>%2$s"
                    + "</camunda:value></camunda:list></camunda:inputParameter></camunda:inputOutput>")),
    OUTPUT_MAPPING(Trigger.START, """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toMark" sourceRef="start" targetRef="mark"/>
            <bpmn:intermediateThrowEvent id="mark">
              <bpmn:extensionElements>
                <camunda:inputOutput><camunda:outputParameter name="copy">%2$s</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="mark" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """),
    TIMER(Trigger.START, """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition><bpmn:timeDate>%2$s</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """),
    TIMER_START(Trigger.DEPLOY, """
            <bpmn:startEvent id="start">
              <bpmn:timerEventDefinition><bpmn:timeDate>%2$s</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """),
    ASSIGNEE(Trigger.START, task("camunda:assignee=\"%2$s\"", "")),
    CANDIDATE_GROUPS(Trigger.START, task("camunda:candidateGroups=\"%2$s\"", "")),
    DUE_DATE(Trigger.START, task("camunda:candidateGroups=\"staff-cd\" camunda:dueDate=\"%2$s\"", "")),
    TASK_LISTENER(Trigger.START, task("camunda:candidateGroups=\"staff-cd\"",
            "<camunda:taskListener event=\"create\" expression=\"%2$s\"/>")),
    SERVICE_EXPRESSION(Trigger.START, step("<bpmn:serviceTask id=\"step\" camunda:expression=\"%2$s\"/>")),
    SERVICE_DELEGATE(Trigger.START, step("<bpmn:serviceTask id=\"step\" camunda:delegateExpression=\"%2$s\"/>")),
    MULTI_INSTANCE(Trigger.START, task("camunda:candidateGroups=\"staff-cd\"", "").replace("</bpmn:userTask>",
            "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"%2$s\" camunda:elementVariable=\"item\"/>"
                    + "</bpmn:userTask>")),
    MESSAGE_NAME(Trigger.START, step("""
            <bpmn:intermediateCatchEvent id="step">
              <bpmn:messageEventDefinition messageRef="probeMessage"/>
            </bpmn:intermediateCatchEvent>""")),
    CALLED_ELEMENT(Trigger.START, step("<bpmn:callActivity id=\"step\" calledElement=\"%2$s\"/>")),
    DECISION_REF(Trigger.START, step("<bpmn:businessRuleTask id=\"step\" camunda:decisionRef=\"%2$s\"/>")),
    CONDITIONAL_EVENT(Trigger.START, step("""
            <bpmn:intermediateCatchEvent id="step">
              <bpmn:conditionalEventDefinition camunda:variableName="probe">
                <bpmn:condition xsi:type="bpmn:tFormalExpression">%2$s</bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>""")),
    START_FORM_DEFAULT(Trigger.START_FORM, """
            <bpmn:startEvent id="start">
              <bpmn:extensionElements>
                <camunda:formData><camunda:formField id="copy" type="string" defaultValue="%2$s"/></camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toEnd" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            """);

    /** How the probe makes the engine evaluate the expression. */
    enum Trigger {
        /** Start an instance: the expression runs on the way. */
        START,
        /** Deploying evaluates it (a timer start event's date); then its jobs run. */
        DEPLOY,
        /** Read the start form: the engine evaluates its default values. */
        START_FORM
    }

    final Trigger trigger;
    /** Whether an instance (its execution and variables) exists when the engine evaluates the expression. */
    final boolean hasInstance;
    private final String body;

    Placement(Trigger trigger, String body) {
        this.trigger = trigger;
        this.hasInstance = trigger == Trigger.START;
        this.body = body;
    }

    /** The whole model, for the process key given. */
    String model(String key, String expression) {
        String escaped = SandboxProbe.xml(expression);
        return SandboxProbe.process(key, this == MESSAGE_NAME ? escaped : "probe-message",
                body.formatted(key, escaped));
    }

    /** A start, the step with id "step", an end. */
    static String step(String step) {
        return """
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="toStep" sourceRef="start" targetRef="step"/>
                %s
                <bpmn:sequenceFlow id="toEnd" sourceRef="step" targetRef="end"/>
                <bpmn:endEvent id="end"/>
                """.formatted(step);
    }

    /** A user task the gate would take but for the expression: attributes and extension elements given. */
    private static String task(String attributes, String extensions) {
        return step("""
                <bpmn:userTask id="step" name="Probe" %s>
                  <bpmn:extensionElements>
                    %s
                    <camunda:formData>
                      <camunda:formField id="decision" type="enum"><camunda:value id="done" name="Done"/>
                      </camunda:formField>
                    </camunda:formData>
                  </bpmn:extensionElements>
                </bpmn:userTask>""".formatted(attributes, extensions));
    }
}
