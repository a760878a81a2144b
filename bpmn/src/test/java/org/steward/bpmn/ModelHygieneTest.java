package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
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
    // the walk reached into the steward review subprocess (or this test would prove little)
    assertThat(checked).contains("stewardReview", "approveAsSteward", "stewardDecided", "departmentRejected",
        "toApproveAsSteward", "stewardApprovedFlow", "stewardChangesFlow", "resubmitted", "stewardRejected");
    assertThat(problems).as("flow elements the Modeler would not show").isEmpty();

    Collection<BpmnPlane> planes = process.getModelElementsByType(BpmnPlane.class);
    assertThat(planes).hasSize(1);
    assertThat(planes.iterator().next().getBpmnElement().getId()).isEqualTo(ProcessTestSupport.PROCESS_KEY);
  }

  @Test
  void everyUserTaskDeclaresItsFormWithADecisionEnum() {
    Collection<UserTask> userTasks = process.getModelElementsByType(UserTask.class);
    assertThat(userTasks).extracting(UserTask::getId)
        .containsExactlyInAnyOrder("approveAsSteward", "reviseRequest", "deliverData");
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
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyServiceTaskCallsABuildingBlockByDelegateExpression() {
    Collection<ServiceTask> serviceTasks = process.getModelElementsByType(ServiceTask.class);
    assertThat(serviceTasks).hasSizeGreaterThanOrEqualTo(7);
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

  private static InputStream resource(String path) {
    InputStream in = ModelHygieneTest.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as(path + " on the classpath").isNotNull();
    return in;
  }
}
