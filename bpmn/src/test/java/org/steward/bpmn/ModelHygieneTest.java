package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The shipped models, read as files: what the Camunda Modeler and the deployment gate rely on. */
class ModelHygieneTest {

  private static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";
  private static final Pattern BUILDING_BLOCK = Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9]*}");
  private static final Pattern WORKING_DAYS = Pattern.compile("\\$\\{workingDays\\.after\\((\\d+)\\)}");

  /** The decisions of each base user task, as PRODUCT.md ("Statuses and decisions") lists them. */
  private static final Map<String, List<String>> DECISIONS = Map.of(
      "approveAsSteward", List.of("approve", "reject", "changes"),
      "privacyReview", List.of("approve", "approve_with_conditions", "reject", "changes"),
      "reviseRequest", List.of("resubmit", "withdraw"),
      "signAgreement", List.of("sign", "decline", "changes"),
      "deliverData", List.of("delivered"),
      "confirmAccessRemoved", List.of("removed"));

  private static BpmnModelInstance process;
  private static DmnModelInstance routeTable;

  @BeforeAll
  static void readTheShippedModels() throws Exception {
    try (InputStream in = resource(ProcessTestSupport.PROCESS_MODEL)) {
      process = Bpmn.readModelFromStream(in);
    }
    try (InputStream in = resource(ProcessTestSupport.ROUTE_TABLE)) {
      routeTable = Dmn.readModelFromStream(in);
    }
  }

  @Test
  void everyFlowNodeAndSequenceFlowIsDrawn_includingInsideSubprocesses() {
    Collection<FlowElement> flowElements = process.getModelElementsByType(FlowElement.class);
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (FlowElement element : flowElements) {
      if (element instanceof FlowNode) {
        checked.add(element.getId());
        DiagramElement shape = element.getDiagramElement();
        if (!(shape instanceof BpmnShape) || ((BpmnShape) shape).getBounds() == null) {
          problems.add(element.getId() + ": no shape");
        }
      } else if (element instanceof SequenceFlow) {
        checked.add(element.getId());
        DiagramElement edge = element.getDiagramElement();
        if (!(edge instanceof BpmnEdge) || ((BpmnEdge) edge).getWaypoints().size() < 2) {
          problems.add(element.getId() + ": no edge");
        }
      }
    }
    // the walk reached into every subprocess, nested ones included (or this test would prove little)
    assertThat(checked).contains("review", "stewardReview", "approveAsSteward", "stewardDecided",
        "departmentRejected", "toApproveAsSteward", "stewardApprovedFlow", "stewardChangesFlow", "resubmitted",
        "stewardRejected", "stewardReminderDue", "toStewardEscalate", "signing", "signAgreement",
        "signatoryDeclined", "withdrawal", "withdrawalRequested", "toWithdrawnOnRequest", "privacyReview",
        "delivery", "deliveryEscalationDue", "accessRemoval", "confirmAccessRemoved", "toAccessRemoved");
    assertThat(problems).as("flow elements the Modeler would not show").isEmpty();

    List<String> subprocessesDrawnCollapsed = process.getModelElementsByType(SubProcess.class).stream()
        .filter(subProcess -> !((BpmnShape) subProcess.getDiagramElement()).isExpanded())
        .map(SubProcess::getId).toList();
    assertThat(subprocessesDrawnCollapsed).as("subprocesses drawn collapsed on the one plane").isEmpty();
    List<String> drawingsOfNothing = process.getModelElementsByType(BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement() == null).map(BpmnShape::getId).toList();
    assertThat(drawingsOfNothing).as("shapes whose element does not exist").isEmpty();
    List<String> edgesOfNothing = process.getModelElementsByType(BpmnEdge.class).stream()
        .filter(edge -> edge.getBpmnElement() == null).map(BpmnEdge::getId).toList();
    assertThat(edgesOfNothing).as("edges whose element does not exist").isEmpty();

    Collection<BpmnPlane> planes = process.getModelElementsByType(BpmnPlane.class);
    assertThat(planes).hasSize(1);
    assertThat(planes.iterator().next().getBpmnElement().getId()).isEqualTo(ProcessTestSupport.PROCESS_KEY);
  }

  @Test
  void everyUserTaskDeclaresItsFormWithARequiredDecisionEnum_withTheChoicesOfItsStep() {
    Collection<UserTask> userTasks = process.getModelElementsByType(UserTask.class);
    assertThat(userTasks).extracting(UserTask::getId).containsExactlyInAnyOrderElementsOf(DECISIONS.keySet());
    List<String> problems = new ArrayList<>();
    for (UserTask task : userTasks) {
      ExtensionElements extensions = task.getExtensionElements();
      List<CamundaFormData> forms = extensions == null ? List.of()
          : extensions.getElementsQuery().filterByType(CamundaFormData.class).list();
      if (forms.size() != 1) {
        problems.add(task.getId() + ": no camunda:formData");
        continue;
      }
      CamundaFormField decision = forms.get(0).getCamundaFormFields().stream()
          .filter(field -> "decision".equals(field.getCamundaId())).findFirst().orElse(null);
      if (decision == null) {
        problems.add(task.getId() + ": no field 'decision'");
      } else if (!"enum".equals(decision.getCamundaType()) || decision.getCamundaValues().isEmpty()) {
        problems.add(task.getId() + ": field 'decision' is not an enum with values");
      } else {
        List<String> choices = decision.getCamundaValues().stream().map(CamundaValue::getCamundaId).toList();
        if (!choices.equals(DECISIONS.get(task.getId()))) {
          problems.add(task.getId() + ": decisions " + choices + ", PRODUCT.md says " + DECISIONS.get(task.getId()));
        }
        boolean required = decision.getCamundaValidation() != null
            && decision.getCamundaValidation().getCamundaConstraints().stream()
                .anyMatch(constraint -> "required".equals(constraint.getCamundaName()));
        if (!required) {
          problems.add(task.getId() + ": field 'decision' is not required");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyUserTaskHasSomeoneToDoIt_andADueDateInWorkingDays() {
    List<String> problems = new ArrayList<>();
    for (UserTask task : process.getModelElementsByType(UserTask.class)) {
      if (isBlank(task.getCamundaAssignee()) && isBlank(task.getCamundaCandidateGroups())
          && isBlank(task.getCamundaCandidateUsers())) {
        problems.add(task.getId() + ": no assignee and no candidate group");
      }
      if (task.getCamundaDueDate() == null || !WORKING_DAYS.matcher(task.getCamundaDueDate()).matches()) {
        problems.add(task.getId() + ": due date " + task.getCamundaDueDate());
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * The engine's rules for decisions: each task keeps its submitted decision in its own scope (an
   * input parameter 'decision'), and a task inside a multi-instance subprocess continues
   * asynchronously, so that two people deciding at once do not collide at the join.
   */
  @Test
  void everyUserTaskKeepsItsDecisionLocal_andParallelTasksContinueAsynchronously() {
    List<String> problems = new ArrayList<>();
    for (UserTask task : process.getModelElementsByType(UserTask.class)) {
      if (!inputParameters(task).containsKey("decision")) {
        problems.add(task.getId() + ": no input parameter 'decision'");
      }
      if (task.getParentElement() instanceof SubProcess parent && parent.getLoopCharacteristics() != null
          && !task.isCamundaAsyncAfter()) {
        problems.add(task.getId() + ": in multi-instance " + parent.getId() + " without asyncAfter");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Every waiting task is followed up by non-interrupting timers whose dates the workingDays
   * building block computes: a reminder after 2 working days (sendReminder) and an escalation after
   * 5 (escalate); the requester's revision is reminded only. Each names its step and recipients.
   */
  @Test
  void everyUserTaskHasNonInterruptingReminderTimers_inWorkingDays() {
    List<String> problems = new ArrayList<>();
    List<String> followUps = new ArrayList<>();
    for (UserTask task : process.getModelElementsByType(UserTask.class)) {
      List<BoundaryEvent> timers = process.getModelElementsByType(BoundaryEvent.class).stream()
          .filter(boundary -> boundary.getAttachedTo() == task).toList();
      List<String> found = new ArrayList<>();
      for (BoundaryEvent timer : timers) {
        TimerEventDefinition definition = timer.getEventDefinitions().stream()
            .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast)
            .findFirst().orElse(null);
        if (definition == null) {
          problems.add(timer.getId() + ": a boundary event on a user task that is not a timer");
          continue;
        }
        if (timer.cancelActivity()) {
          problems.add(timer.getId() + ": interrupting");
        }
        if (definition.getTimeDuration() != null || definition.getTimeCycle() != null
            || definition.getTimeDate() == null) {
          problems.add(timer.getId() + ": not a date (a duration counts calendar days)");
          continue;
        }
        Matcher days = WORKING_DAYS.matcher(definition.getTimeDate().getTextContent().trim());
        if (!days.matches()) {
          problems.add(timer.getId() + ": date " + definition.getTimeDate().getTextContent());
          continue;
        }
        List<FlowNode> next = process.getModelElementsByType(SequenceFlow.class).stream()
            .filter(flow -> flow.getSource() == timer).map(SequenceFlow::getTarget).toList();
        if (next.size() != 1 || !(next.get(0) instanceof ServiceTask notice)) {
          problems.add(timer.getId() + ": not followed by one service task");
          continue;
        }
        Map<String, String> inputs = inputParameters(notice);
        if (!task.getId().equals(inputs.get("step"))) {
          problems.add(notice.getId() + ": step " + inputs.get("step") + ", not " + task.getId());
        }
        if (isBlank(inputs.get("notifyGroup")) && isBlank(inputs.get("notifyPerson"))) {
          problems.add(notice.getId() + ": names no one to notify");
        }
        found.add(days.group(1) + " " + notice.getCamundaDelegateExpression());
      }
      followUps.add(task.getId() + ": " + found.stream().sorted().toList());
    }
    assertThat(problems).isEmpty();
    assertThat(followUps).containsExactlyInAnyOrder(
        "approveAsSteward: [2 ${sendReminder}, 5 ${escalate}]",
        "privacyReview: [2 ${sendReminder}, 5 ${escalate}]",
        "signAgreement: [2 ${sendReminder}, 5 ${escalate}]",
        "reviseRequest: [2 ${sendReminder}]",
        "deliverData: [2 ${sendReminder}, 5 ${escalate}]",
        "confirmAccessRemoved: [2 ${sendReminder}, 5 ${escalate}]");
  }

  @Test
  void withdrawalIsAMessageEventSubprocessOfTheReviewOnly() {
    SubProcess withdrawal = process.getModelElementById("withdrawal");
    assertThat(withdrawal.triggeredByEvent()).isTrue();
    assertThat(withdrawal.getParentElement()).isSameAs(process.getModelElementById("review"));
    StartEvent start = process.getModelElementById("withdrawalRequested");
    assertThat(start.isInterrupting()).isTrue();
    MessageEventDefinition message = (MessageEventDefinition) start.getEventDefinitions().iterator().next();
    assertThat(message.getMessage().getName()).isEqualTo(ProcessTestSupport.WITHDRAWAL_MESSAGE);
    assertThat(process.getModelElementsByType(MessageEventDefinition.class)).hasSize(2);
  }

  @Test
  void endingAnAgreementEarlyInterruptsItsTermOnly() {
    BoundaryEvent terminated = process.getModelElementById("agreementTerminated");
    assertThat(terminated.getAttachedTo().getId()).isEqualTo("agreementTerm");
    assertThat(terminated.cancelActivity()).isTrue();
    MessageEventDefinition message = (MessageEventDefinition) terminated.getEventDefinitions().iterator().next();
    assertThat(message.getMessage().getName()).isEqualTo("agreement-terminated");
    SubProcess term = process.getModelElementById("agreementTerm");
    assertThat(term.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.FlowNode.class))
        .extracting(org.camunda.bpm.model.bpmn.instance.FlowNode::getId)
        .contains("expiryReminderDue", "remindOfExpiry", "agreementEnds", "expireAgreement");
  }

  @Test
  void everyServiceTaskCallsABuildingBlockByDelegateExpression() {
    Collection<ServiceTask> serviceTasks = process.getModelElementsByType(ServiceTask.class);
    assertThat(serviceTasks).hasSize(29);
    List<String> problems = new ArrayList<>();
    for (ServiceTask task : serviceTasks) {
      String delegate = task.getCamundaDelegateExpression();
      if (delegate == null || !BUILDING_BLOCK.matcher(delegate).matches()) {
        problems.add(task.getId() + ": delegate expression " + delegate);
      }
      if (task.getCamundaClass() != null || task.getCamundaExpression() != null || task.getCamundaType() != null) {
        problems.add(task.getId() + ": also a class, expression or external task");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(serviceTasks.stream().map(ServiceTask::getCamundaDelegateExpression).distinct())
        .containsExactlyInAnyOrder("${gatherRouteFacts}", "${recordRoute}", "${setStatus}", "${sendReminder}",
            "${escalate}", "${draftAgreement}", "${activateAgreement}", "${remindOfExpiry}",
            "${expireAgreement}");
    assertThat(process.getModelElementsByType(ScriptTask.class)).as("script tasks").isEmpty();
  }

  @Test
  void theProcessIsExecutableAndHasAHistoryTimeToLive() {
    Process dataRequest = process.getModelElementById(ProcessTestSupport.PROCESS_KEY);
    assertThat(dataRequest.isExecutable()).isTrue();
    assertThat(dataRequest.getCamundaHistoryTimeToLiveString()).isNotBlank();
    assertThat(Integer.parseInt(dataRequest.getCamundaHistoryTimeToLiveString())).isPositive();
  }

  @Test
  void theModelsUseTheCamundaNamespace_andNoOther() throws Exception {
    assertThat(extensionNamespacesUsedIn(ProcessTestSupport.PROCESS_MODEL))
        .containsExactly(BpmnModelConstants.CAMUNDA_NS);
    assertThat(extensionNamespacesUsedIn(ProcessTestSupport.ROUTE_TABLE))
        .containsExactly(CAMUNDA_DMN_NS);
  }

  @Test
  void theRouteTableHasAHistoryTimeToLive_andIsTheFiveRowFirstHitTable() {
    Decision decision = routeTable.getModelElementById("review-route");
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isNotBlank();
    assertThat(decision.getCamundaHistoryTimeToLive()).isPositive();
    DecisionTable table = (DecisionTable) decision.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getRules()).extracting(Rule::getId).containsExactly(
        "ruleAnyPii", "ruleConfidential", "ruleInternalExternal", "ruleInternalInternal", "rulePublic");
  }

  /**
   * The namespaces of the elements and attributes in a model file, leaving out the standard ones
   * (BPMN, DMN, their diagram interchange, XML Schema instance).
   */
  private static Set<String> extensionNamespacesUsedIn(String path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document document;
    try (InputStream in = resource(path)) {
      document = factory.newDocumentBuilder().parse(in);
    }
    Set<String> standard = Set.of(
        BpmnModelConstants.BPMN20_NS, BpmnModelConstants.BPMNDI_NS, BpmnModelConstants.DC_NS,
        BpmnModelConstants.DI_NS, BpmnModelConstants.XSI_NS, XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
        "https://www.omg.org/spec/DMN/20191111/MODEL/", "https://www.omg.org/spec/DMN/20191111/DMNDI/",
        "http://www.omg.org/spec/DMN/20180521/DC/", "http://www.omg.org/spec/DMN/20180521/DI/");
    Set<String> used = new TreeSet<>();
    collectNamespaces(document.getDocumentElement(), used);
    used.removeAll(standard);
    return used;
  }

  private static void collectNamespaces(Element element, Set<String> used) {
    if (element.getNamespaceURI() != null) {
      used.add(element.getNamespaceURI());
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (attribute.getNamespaceURI() != null) {
        used.add(attribute.getNamespaceURI());
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element) {
        collectNamespaces((Element) child, used);
      }
    }
  }

  /** The input parameters of an activity, by name, with their text (empty for a parameter with no value). */
  private static Map<String, String> inputParameters(FlowNode activity) {
    ExtensionElements extensions = activity.getExtensionElements();
    Map<String, String> parameters = new HashMap<>();
    if (extensions != null) {
      for (CamundaInputOutput io : extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
        for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
          parameters.put(parameter.getCamundaName(), parameter.getTextContent().trim());
        }
      }
    }
    return parameters;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static InputStream resource(String path) {
    InputStream in = ModelHygieneTest.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as(path + " on the classpath").isNotNull();
    return in;
  }
}
