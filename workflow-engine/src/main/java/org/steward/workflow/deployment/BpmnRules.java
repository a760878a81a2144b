package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The gate's rules for a BPMN file, applied to every executable process in it: steps run building blocks and nothing
 * else, user tasks reach people and ask them for a decision, history is kept for a set time.
 */
final class BpmnRules {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    // The engine reads its extensions in either namespace.
    private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
    private static final Set<String> RUNS_SOMETHING = Set.of("serviceTask", "sendTask", "businessRuleTask");

    private final String resource;
    private final Vocabulary vocabulary;
    private final ModelCheck.Findings findings;
    private final ModelCheck.GroupMembers members;

    BpmnRules(String resource, Vocabulary vocabulary, ModelCheck.Findings findings, ModelCheck.GroupMembers members) {
        this.resource = resource;
        this.vocabulary = vocabulary;
        this.findings = findings;
        this.members = members;
    }

    void check(Element definitions) {
        if (!BPMN.equals(definitions.getNamespaceURI()) || !"definitions".equals(definitions.getLocalName())) {
            findings.error(resource, null, "is not a BPMN 2.0 model: its root element is <" + definitions.getTagName()
                    + ">, not <bpmn:definitions>.");
            return;
        }
        List<Element> processes = children(definitions, BPMN, "process");
        List<Element> executable = new ArrayList<>();
        for (Element process : processes) {
            // The engine runs a process unless it says isExecutable="false".
            if ("false".equals(process.getAttribute("isExecutable").trim())) {
                continue;
            }
            executable.add(process);
        }
        if (executable.isEmpty()) {
            findings.error(resource, processes.isEmpty() ? null : processes.get(0).getAttribute("id"),
                    processes.isEmpty() ? "holds no process: there is nothing for Steward to run."
                            : "no process in this file is marked executable, so there is nothing for Steward to run: in"
                                    + " the Modeler, tick \"Executable\" on the process that should run.");
            return;
        }
        for (Element process : processes) {
            if (!executable.contains(process)) {
                findings.warning(resource, process.getAttribute("id"),
                        "is not marked executable, so the engine will not run it.");
            }
        }
        // Messages, signals, errors and escalations sit beside the processes, and the engine reads their names as
        // expressions too.
        for (Node child = definitions.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && !"process".equals(element.getLocalName())
                    && (element.getNamespaceURI() == null || !element.getNamespaceURI().contains("/DI"))) {
                walk(element);
            }
        }
        for (Element process : executable) {
            if (camunda(process, "historyTimeToLive").isBlank()) {
                findings.error(resource, process.getAttribute("id"), "has no history time to live: set one (for"
                        + " example 3650 days) under \"History cleanup\" so the engine knows how long to keep what"
                        + " happened.");
            }
            walk(process);
        }
    }

    private void walk(Element element) {
        String ns = element.getNamespaceURI();
        String name = element.getLocalName();
        if (BPMN.equals(ns)) {
            switch (name) {
                case "scriptTask" -> error(element, "is a script task: Steward runs no scripts. Use a service task"
                        + " with one of Steward's building blocks (its element templates) instead.");
                case "userTask" -> checkUserTask(element);
                case "startEvent" -> checkNoFormReference(element);
                case "conditionExpression", "condition", "completionCondition" -> checkLanguage(element);
                case "messageEventDefinition" -> {
                    if (implementation(element)) {
                        checkImplementation(element, JavaDelegate.class);
                    }
                }
                default -> {
                    if (RUNS_SOMETHING.contains(name)) {
                        if (!("businessRuleTask".equals(name) && !camunda(element, "decisionRef").isBlank())) {
                            checkImplementation(element, JavaDelegate.class);
                        }
                    }
                }
            }
        } else if (isCamunda(ns)) {
            switch (name) {
                case "script" -> error(element, "runs a script (" + orUnknown(element.getAttribute("scriptFormat"))
                        + "): Steward runs no scripts; use a building block or an expression instead.");
                case "connector" -> error(element, "uses a connector (" + orUnknown(text(element, "connectorId"))
                        + "): Steward does not call other systems from a process.");
                case "executionListener" -> checkListener(element, ExecutionListener.class);
                case "constraint" -> {
                    if ("validator".equals(element.getAttribute("name").trim())) {
                        error(element, "checks a form field with a Java validator (" + orUnknown(
                                element.getAttribute("config")) + "): Steward runs only its building blocks; use the"
                                + " built-in constraints (required, minlength, maxlength, min, max, readonly).");
                    }
                }
                case "taskListener" -> checkListener(element, TaskListener.class);
                default -> {
                }
            }
        }
        checkAttributes(element);
        checkText(element);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement);
            }
        }
    }

    private void checkUserTask(Element task) {
        String assignee = camunda(task, "assignee");
        String groups = camunda(task, "candidateGroups");
        boolean assignedTheBpmnWay = !children(task, BPMN, "potentialOwner").isEmpty()
                || !children(task, BPMN, "humanPerformer").isEmpty();
        if (assignee.isBlank() && groups.isBlank() && !assignedTheBpmnWay) {
            error(task, "is a user task with no assignee and no candidate group, so nobody would see it: set"
                    + " \"Candidate groups\" (for example legal) or an assignee.");
        }
        checkNoFormReference(task);
        if (!hasDecision(task)) {
            error(task, "is a user task without a decision: add a form field with id \"decision\" of type enum, with"
                    + " a value for each outcome (for example approve and reject).");
        }
        if (members != null) {
            if (camunda(task, "dueDate").isBlank()) {
                findings.warning(resource, id(task), "has no due date, so inboxes will not show when it is late.");
            }
            if (!Vocabulary.hasExpression(groups)) {
                for (String group : groups.split(",")) {
                    if (!group.isBlank() && members.empty(group.trim())) {
                        findings.warning(resource, id(task), "candidate group \"" + group.trim() + "\" has nobody in it"
                                + " yet: add people to it (Admin, People) before a request reaches this step.");
                    }
                }
            }
        }
    }

    private boolean hasDecision(Element task) {
        for (Element extensions : children(task, BPMN, "extensionElements")) {
            for (Node form = extensions.getFirstChild(); form != null; form = form.getNextSibling()) {
                if (form instanceof Element formData && isCamunda(formData.getNamespaceURI())
                        && "formData".equals(formData.getLocalName())) {
                    for (Node field = formData.getFirstChild(); field != null; field = field.getNextSibling()) {
                        if (field instanceof Element formField && "formField".equals(formField.getLocalName())
                                && "decision".equals(formField.getAttribute("id"))
                                && "enum".equals(formField.getAttribute("type"))
                                && hasValue(formField)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasValue(Element field) {
        for (Node value = field.getFirstChild(); value != null; value = value.getNextSibling()) {
            if (value instanceof Element element && "value".equals(element.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    private boolean implementation(Element element) {
        return !camunda(element, "class").isBlank() || !camunda(element, "expression").isBlank()
                || !camunda(element, "delegateExpression").isBlank() || !camunda(element, "type").isBlank();
    }

    /** Embedded and Camunda forms: the engine would render or read a file the portal never shows. */
    private void checkNoFormReference(Element element) {
        if (!camunda(element, "formKey").isBlank() || !camunda(element, "formRef").isBlank()) {
            error(element, "uses an embedded or Camunda form (" + firstNonBlank(camunda(element, "formKey"),
                    camunda(element, "formRef")) + "): the portal draws its forms from form fields"
                    + " (camunda:formData), so remove the form reference and describe the fields instead.");
        }
    }

    /** A step that runs something must run a building block, and nothing else. */
    private void checkImplementation(Element element, Class<?> kind) {
        String type = camunda(element, "type");
        String delegate = camunda(element, "delegateExpression");
        String expression = camunda(element, "expression");
        if (!camunda(element, "class").isBlank()) {
            return; // reported with the attributes, for every element alike
        }
        if ("external".equals(type)) {
            error(element, "is an external task (topic \"" + orUnknown(camunda(element, "topic")) + "\"): nothing in"
                    + " Steward picks up external tasks. Use one of Steward's building blocks instead.");
        } else if (!type.isBlank()) {
            error(element, "is of type \"" + type + "\", which Steward does not run. Use one of Steward's building"
                    + " blocks instead.");
        } else if (!delegate.isBlank()) {
            checkDelegate(element, delegate, kind);
        } else if (!expression.isBlank()) {
            if (vocabulary.identifiers(expression).stream().noneMatch(vocabulary::isBuildingBlock)) {
                error(element, "runs " + expression + ", which names no Steward building block (see the element"
                        + " templates for the ones there are: " + vocabulary.names() + ").");
            }
        } else if (!hasConnector(element)) {
            error(element, "has nothing to run: choose one of Steward's building blocks for it (its element"
                    + " template in the Modeler).");
        }
    }

    private void checkDelegate(Element element, String delegate, Class<?> kind) {
        String bean = Vocabulary.singleName(delegate);
        if (bean == null || !vocabulary.isBuildingBlock(bean)) {
            error(element, "calls " + delegate + ", which is not a Steward building block (see the element"
                    + " templates for the ones there are: " + vocabulary.names() + ").");
        } else if (!kind.isInstance(vocabulary.buildingBlock(bean))
                && !(kind == ExecutionListener.class && vocabulary.buildingBlock(bean) instanceof JavaDelegate)) {
            error(element, "calls the building block " + bean + ", which cannot run here: it is used inside"
                    + " expressions, not as a " + (kind == JavaDelegate.class ? "step" : "listener") + ".");
        }
    }

    private void checkListener(Element listener, Class<?> kind) {
        // A listener's class is reported with the attributes, like every other class.
        String delegate = listener.getAttribute("delegateExpression");
        String expression = listener.getAttribute("expression");
        if (listener.getAttribute("class").isBlank() && !delegate.isBlank()) {
            checkDelegate(listener, delegate, kind);
        } else if (!expression.isBlank()
                && vocabulary.identifiers(expression).stream().noneMatch(vocabulary::isBuildingBlock)) {
            // A listener exists to run something; one that names no building block runs nothing Steward offers.
            error(listener, "runs " + expression + ", which names no Steward building block (see the element"
                    + " templates for the ones there are: " + vocabulary.names() + ").");
        }
    }

    /** Conditions in a script language would run a script. */
    private void checkLanguage(Element element) {
        String language = element.getAttribute("language").trim();
        if (!language.isEmpty() && !"juel".equalsIgnoreCase(language)) {
            error(element, "has a condition written as a " + language + " script: Steward runs no scripts; write it"
                    + " as an expression such as ${decision == 'approve'}.");
        }
    }

    private void checkAttributes(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            boolean extension = isCamunda(attribute.getNamespaceURI())
                    || (isCamunda(element.getNamespaceURI()) && attribute.getNamespaceURI() == null);
            if (extension && ("class".equals(local) || local.endsWith("Class"))) {
                error(element, "calls the Java class " + attribute.getValue() + ": Steward runs only its building"
                        + " blocks (" + vocabulary.names() + ").");
            }
            if (Vocabulary.hasExpression(attribute.getValue())) {
                for (String problem : vocabulary.problems(attribute.getValue())) {
                    error(element, problem);
                }
            }
        }
    }

    private void checkText(Element element) {
        String text = ownText(element);
        // The engine evaluates a user task's documentation (the task's description); other documentation is prose.
        boolean evaluated = !"documentation".equals(element.getLocalName())
                || element.getParentNode() instanceof Element parent && "userTask".equals(parent.getLocalName());
        if (Vocabulary.hasExpression(text) && evaluated) {
            for (String problem : vocabulary.problems(text)) {
                error(element, problem);
            }
        }
    }

    /**
     * An element's own text as the engine reads it: its text and CDATA pieces joined, whatever comments or CDATA
     * boundaries split them, so that "$" and "{...}" in two pieces are seen as the expression they make.
     */
    static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    private boolean hasConnector(Element element) {
        for (Element extensions : children(element, BPMN, "extensionElements")) {
            for (Node child = extensions.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && isCamunda(e.getNamespaceURI())
                        && "connector".equals(e.getLocalName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isCamunda(String namespace) {
        return namespace != null && CAMUNDA.contains(namespace);
    }

    private void error(Element element, String problem) {
        findings.error(resource, id(element), problem);
    }

    /** The id a person finds in the Modeler: the element's own, or that of the nearest element that has one. */
    private static String id(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (BPMN.equals(e.getNamespaceURI()) && !e.getAttribute("id").isBlank()) {
                return e.getAttribute("id");
            }
        }
        return null;
    }

    private static String camunda(Element element, String attribute) {
        for (String ns : CAMUNDA) {
            String value = element.getAttributeNS(ns, attribute);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }

    private static String text(Element element, String childName) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && childName.equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unnamed" : value;
    }

    private static String firstNonBlank(String a, String b) {
        return a.isBlank() ? b : a;
    }
}
