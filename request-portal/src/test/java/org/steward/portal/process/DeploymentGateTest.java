package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.steward.portal.process.GateModels.GOOD_TASK;
import static org.steward.portal.process.GateModels.bytes;
import static org.steward.portal.process.GateModels.process;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.deployment.Finding;
import org.steward.workflow.deployment.ModelCheck;
import org.steward.workflow.deployment.ModelRefused;
import org.steward.workflow.deployment.ModelReport;

/**
 * Every rule of the deployment gate, through the engine's own deployment (as the admin pages and the API deploy): a
 * refusal names the element and the problem, and leaves no deployment and no definition behind.
 */
class DeploymentGateTest extends IntegrationTest {

    @Autowired
    private RepositoryService repository;

    @Autowired
    private ModelCheck check;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("not XML", "broken.bpmn", "<bpmn:definitions xmlns:bpmn=\"x\"><unclosed>", null,
                        "not well-formed XML"),
                Arguments.of("not runnable by the engine", "gate-engine.bpmn", process("gateEngine", GOOD_TASK)
                        .replace("targetRef=\"end\"", "targetRef=\"nowhere\""), "toEnd", "the engine cannot run it"),
                Arguments.of("a service task naming no building block", "gate-unknown.bpmn", process("gateUnknown",
                        "<bpmn:serviceTask id=\"sendFax\" camunda:delegateExpression=\"${faxMachine}\"/>"),
                        "sendFax", "${faxMachine}, which is not a Steward building block"),
                Arguments.of("a #{} expression naming no building block", "gate-hash.bpmn", process("gateHash",
                        "<bpmn:serviceTask id=\"tally\" camunda:expression=\"#{counter.add(1)}\"/>"),
                        "tally", "names no Steward building block"),
                Arguments.of("a helper used as a step", "gate-helper.bpmn", process("gateHelper",
                        "<bpmn:serviceTask id=\"count\" camunda:delegateExpression=\"${workingDays}\"/>"),
                        "count", "cannot run here"),
                Arguments.of("a script task", "gate-script.bpmn", process("gateScript",
                        "<bpmn:scriptTask id=\"compute\" scriptFormat=\"groovy\"><bpmn:script>1+1</bpmn:script>"
                                + "</bpmn:scriptTask>"), "compute", "script task"),
                Arguments.of("a Java class", "gate-class.bpmn", process("gateClass",
                        "<bpmn:serviceTask id=\"callJava\" camunda:class=\"org.example.Delegate\"/>"),
                        "callJava", "Java class org.example.Delegate"),
                Arguments.of("a connector", "gate-connector.bpmn", process("gateConnector", """
                        <bpmn:serviceTask id="callRest"><bpmn:extensionElements><camunda:connector>
                          <camunda:connectorId>http-connector</camunda:connectorId>
                        </camunda:connector></bpmn:extensionElements></bpmn:serviceTask>"""),
                        "callRest", "connector (http-connector)"),
                Arguments.of("an external task", "gate-external.bpmn", process("gateExternal",
                        "<bpmn:serviceTask id=\"billing\" camunda:type=\"external\" camunda:topic=\"invoice\"/>"),
                        "billing", "external task (topic \"invoice\")"),
                Arguments.of("an expression reaching another bean", "gate-bean.bpmn", process("gateBean", """
                        <bpmn:serviceTask id="leak" camunda:delegateExpression="${setStatus}">
                          <bpmn:extensionElements><camunda:inputOutput>
                            <camunda:inputParameter name="status">${environment.getProperty('spring.datasource.password')}</camunda:inputParameter>
                          </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>"""),
                        "leak", "reaches \"environment\", which is not a Steward building block"),
                Arguments.of("an expression reaching the engine", "gate-engine-reach.bpmn", process("gateReach",
                        GOOD_TASK.replace("${workingDays.after(2)}",
                                "${execution.processEngineServices.runtimeService.createProcessInstanceQuery()}")),
                        "step", "reaches past the building blocks"),
                Arguments.of("a listener calling a class", "gate-listener.bpmn", process("gateListener",
                        GOOD_TASK.replace("<camunda:formData>", "<camunda:taskListener class=\"org.example.Spy\""
                                + " event=\"create\"/><camunda:formData>")),
                        "step", "Java class org.example.Spy"),
                Arguments.of("a script condition", "gate-condition.bpmn", process("gateCondition", GOOD_TASK)
                        .replace("<bpmn:sequenceFlow id=\"toEnd\" sourceRef=\"step\" targetRef=\"end\"/>",
                                "<bpmn:sequenceFlow id=\"toEnd\" sourceRef=\"step\" targetRef=\"end\">"
                                        + "<bpmn:conditionExpression language=\"groovy\">true</bpmn:conditionExpression>"
                                        + "</bpmn:sequenceFlow>"), "toEnd", "groovy script"),
                Arguments.of("a user task nobody gets", "gate-nobody.bpmn", process("gateNobody",
                        GOOD_TASK.replace("camunda:candidateGroups=\"staff-cd\"", "")),
                        "step", "no assignee and no candidate group"),
                Arguments.of("a user task without a decision", "gate-decision.bpmn", process("gateDecision",
                        GOOD_TASK.replace("id=\"decision\"", "id=\"verdict\"")),
                        "step", "without a decision"),
                Arguments.of("a user task with an embedded form", "gate-form.bpmn", process("gateForm",
                        GOOD_TASK.replace("name=\"Check it\"", "name=\"Check it\" camunda:formKey=\"embedded:app:x.html\"")),
                        "step", "embedded or Camunda form"),
                Arguments.of("no history time to live", "gate-ttl.bpmn", process("gateTtl", "", GOOD_TASK),
                        "gateTtl", "no history time to live"),
                Arguments.of("no executable process", "gate-sketch.bpmn", process("gateSketch", GOOD_TASK)
                        .replace("isExecutable=\"true\"", "isExecutable=\"false\""),
                        "gateSketch", "no process in this file is marked executable"),
                Arguments.of("a decision without history time to live", "gate.dmn", decision("gateDecisionTtl", "",
                        "feel"), "gateDecisionTtl", "no history time to live"),
                Arguments.of("a decision in a script language", "gate-js.dmn", decision("gateDecisionJs",
                        "camunda:historyTimeToLive=\"30\"", "javascript"), "expr-gateDecisionJs", "javascript, a script"),
                Arguments.of("a file that is no model", "notes.txt", "Remember the milk", null,
                        "neither a BPMN process (.bpmn) nor a DMN decision (.dmn)"),
                Arguments.of("an expression split by CDATA", "gate-cdata.bpmn", process("gateCdata", leak(
                        "$<![CDATA[{execution.processEngineServices.identityService.createUserQuery().count()}]]>")),
                        "leak", "reaches past the building blocks (\"processEngineServices\")"),
                Arguments.of("an expression split by a comment", "gate-comment.bpmn", process("gateComment", leak(
                        "$<!-- hidden -->{environment.getProperty('spring.datasource.password')}")),
                        "leak", "reaches \"environment\""),
                Arguments.of("a computed name", "gate-computed.bpmn", process("gateComputed",
                        leak("${execution['processE'.concat('ngineServices')].identityService}")),
                        "leak", "looks a name up by a computed value"),
                Arguments.of("the task's own engine methods", "gate-task.bpmn", process("gateTask",
                        GOOD_TASK.replace("<camunda:formData>", "<camunda:taskListener expression=\"${task.delete("
                                + "'gone', true)}\" event=\"create\"/><camunda:formData>")),
                        "step", "uses task.delete"),
                Arguments.of("an expression in a message's name", "gate-message.bpmn", process("gateMessage", GOOD_TASK)
                        .replace("<bpmn:process ", "<bpmn:message id=\"reach\" name=\"${execution"
                                + ".processEngineServices.identityService}\"/><bpmn:process "),
                        "reach", "reaches past the building blocks"),
                Arguments.of("a Java validator on a form field", "gate-validator.bpmn", process("gateValidator",
                        GOOD_TASK.replace("<camunda:value id=\"approve\"", "<camunda:validation><camunda:constraint"
                                + " name=\"validator\" config=\"org.example.Check\"/></camunda:validation>"
                                + "<camunda:value id=\"approve\"")), "step", "Java validator (org.example.Check)"),
                Arguments.of("a parenthesised execution", "gate-parens.bpmn", process("gateParens",
                        leak("${(execution).processInstance.id}")), "leak", "uses execution.processInstance"),
                Arguments.of("a ternary's execution", "gate-ternary.bpmn", process("gateTernary",
                        leak("${(true ? execution : null).processInstance.id}")), "leak",
                        "uses execution.processInstance"),
                Arguments.of("a method on a text", "gate-string.bpmn", process("gateString",
                        leak("${'steward'.concat(requester)}")), "leak",
                        "calls concat(…) on something that is not a building block"),
                Arguments.of("a building block's method not for models", "gate-block-method.bpmn",
                        process("gateBlockMethod", leak("${workingDays.isWorkingDay(null)}")), "leak",
                        "calls workingDays.isWorkingDay, which is not one of that building block's methods"),
                Arguments.of("a building block's property", "gate-block-property.bpmn",
                        process("gateBlockProperty", leak("${agreements.agreements}")), "leak",
                        "a building block offers models only its methods"),
                Arguments.of("a listener expression naming no building block", "gate-listener-expression.bpmn",
                        process("gateListenerExpression", GOOD_TASK.replace("<camunda:formData>",
                                "<camunda:taskListener expression=\"${requester}\" event=\"create\"/>"
                                        + "<camunda:formData>")), "step", "runs ${requester}, which names no"
                                + " Steward building block"),
                Arguments.of("an expression that cannot be read", "gate-unreadable.bpmn", process("gateUnreadable",
                        "<bpmn:serviceTask id=\"broken\" camunda:expression=\"${setStatus.(}\"/>"),
                        "broken", "cannot be read"),
                Arguments.of("a decision reaching Java by a split JUEL text", "gate-juel.dmn", decision("gateJuel",
                        "camunda:historyTimeToLive=\"30\"", "juel").replace("<text>amount</text>",
                        "<text>$<![CDATA[{'x'.getClass().forName('java.lang.Runtime')}]]></text>"),
                        "expr-gateJuel", "reaches past the building blocks (\"getClass\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAndLeavesNothingBehind(String rule, String resource, String model, String elementId,
            String problem) {
        long deployments = repository.createDeploymentQuery().count();
        long definitions = repository.createProcessDefinitionQuery().count()
                + repository.createDecisionDefinitionQuery().count();

        ModelRefused refused = catchThrowableOfType(ModelRefused.class, () -> deploy(resource, model));

        assertThat(refused).as(rule).isNotNull();
        assertThat(refused.getMessage()).startsWith("Steward cannot run this model").contains(problem);
        if (elementId != null) {
            assertThat(refused.getMessage()).contains(resource + ": " + elementId + ": ");
            assertThat(refused.getResorceReports()).flatMap(r -> r.getErrors())
                    .anySatisfy(p -> assertThat(p.getElementIds()).contains(elementId));
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().count()
                + repository.createDecisionDefinitionQuery().count()).isEqualTo(definitions);
    }

    @Test
    void namesEveryProblemOfAModelInOneMessage() {
        String model = process("gateMany", "", """
                <bpmn:scriptTask id="first" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
                <bpmn:sequenceFlow id="firstToSecond" sourceRef="first" targetRef="second"/>
                <bpmn:serviceTask id="second" camunda:class="org.example.Delegate"/>
                <bpmn:sequenceFlow id="secondToThird" sourceRef="second" targetRef="third"/>
                <bpmn:userTask id="third" name="Nobody's"/>""");

        ModelRefused refused = catchThrowableOfType(ModelRefused.class, () -> deploy("many.bpmn", model));

        assertThat(refused.getMessage()).contains("many.bpmn: gateMany: has no history time to live",
                "many.bpmn: first: is a script task", "many.bpmn: second: calls the Java class",
                "many.bpmn: third: is a user task with no assignee", "many.bpmn: third: is a user task without a"
                        + " decision");
        assertThat(refused.report().errors()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void acceptsARunnableModelAndWarnsOfWhatDoesNotBlock() {
        String model = process("gateWarned", GOOD_TASK.replace("staff-cd", "gate-test-nobody")
                .replace("camunda:dueDate=\"${workingDays.after(2)}\"", ""));

        ModelReport report = check.check(Map.of("gate-warned.bpmn", bytes(model)));
        Deployment deployment = deploy("gate-warned.bpmn", model);

        try {
            assertThat(report.refused()).isFalse();
            assertThat(report.warnings()).extracting(Finding::line).containsExactlyInAnyOrder(
                    "step: has no due date, so inboxes will not show when it is late.",
                    "step: candidate group \"gate-test-nobody\" has nobody in it yet: add people to it (Admin,"
                            + " People) before a request reaches this step.");
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("gateWarned").count())
                    .isEqualTo(1);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void acceptsWhatLooksOddButIsSafe() {
        String model = process("gateOddButSafe", """
                <bpmn:userTask id="step" name="Check it" camunda:dueDate="${workingDays.after(2)}">
                  <bpmn:extensionElements>
                    <camunda:executionListener delegateExpression="${setStatus}" event="start"/>
                    <camunda:inputOutput><camunda:inputParameter name="status">Checking</camunda:inputParameter>
                    <camunda:inputParameter name="brace">${requester == '}' ? 'odd' : 'fine'}</camunda:inputParameter>
                    </camunda:inputOutput>
                    <camunda:formData>
                      <camunda:formField id="decision" label="Decision" type="enum">
                        <camunda:value id="approve" name="Approve"/>
                      </camunda:formField>
                    </camunda:formData>
                  </bpmn:extensionElements>
                  <bpmn:potentialOwner><bpmn:resourceAssignmentExpression>
                    <bpmn:formalExpression>group(staff-cd)</bpmn:formalExpression>
                  </bpmn:resourceAssignmentExpression></bpmn:potentialOwner>
                </bpmn:userTask>""").replace("<bpmn:sequenceFlow id=\"toEnd\" sourceRef=\"step\" targetRef=\"end\"/>",
                "<bpmn:sequenceFlow id=\"toEnd\" sourceRef=\"step\" targetRef=\"end\"><bpmn:conditionExpression>"
                        + "${category != 'first class' &amp;&amp; expectedRuntimeDays &lt; 5}"
                        + "</bpmn:conditionExpression></bpmn:sequenceFlow>");

        ModelReport report = check.check(Map.of("gate-odd.bpmn", bytes(model)));
        assertThat(report.errors()).isEmpty();
        Deployment deployment = deploy("gate-odd.bpmn", model);
        repository.deleteDeployment(deployment.getId(), true);
    }

    @Test
    void theShippedModelsPassTheGateWithoutWarnings() throws Exception {
        Map<String, byte[]> shipped = new LinkedHashMap<>();
        for (String name : new String[] {"data-request.bpmn", "review-route.dmn"}) {
            shipped.put(name, getClass().getResourceAsStream("/steward/models/" + name).readAllBytes());
        }
        ModelReport report = check.check(shipped);
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
    }

    /** A service task running a building block, with an input parameter holding the text given. */
    private static String leak(String value) {
        return "<bpmn:serviceTask id=\"leak\" camunda:delegateExpression=\"${setStatus}\"><bpmn:extensionElements>"
                + "<camunda:inputOutput><camunda:inputParameter name=\"status\">" + value
                + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>";
    }

    private Deployment deploy(String resource, String model) {
        DeploymentBuilder builder = repository.createDeployment().name("gate test").source("test")
                .addInputStream(resource, new ByteArrayInputStream(bytes(model)));
        return builder.deploy();
    }

    private static String decision(String id, String ttl, String language) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs-%1$s" name="Gate test"
                    namespace="http://steward.example.org/test">
                  <decision id="%1$s" name="Gate test" %2$s>
                    <decisionTable id="table-%1$s">
                      <input id="in-%1$s" label="Amount">
                        <inputExpression id="expr-%1$s" typeRef="integer" expressionLanguage="%3$s">
                          <text>amount</text>
                        </inputExpression>
                      </input>
                      <output id="out-%1$s" name="ok" typeRef="boolean"/>
                      <rule id="rule-%1$s">
                        <inputEntry id="ie-%1$s"><text>&gt; 5</text></inputEntry>
                        <outputEntry id="oe-%1$s"><text>true</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(id, ttl, language);
    }
}
