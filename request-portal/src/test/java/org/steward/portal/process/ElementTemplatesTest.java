package org.steward.portal.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.camunda.bpm.model.xml.type.attribute.Attribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.process.BuildingBlock;
import org.steward.workflow.request.RequestStatus;

/**
 * The Modeler's element templates (bpmn/.camunda/element-templates): valid against the Modeler's own schema, naming
 * only building blocks that exist, one for every building block, offering only the inputs a delegate reads, and
 * covering every service and user task of the shipped model.
 */
class ElementTemplatesTest extends IntegrationTest {

    /** Surefire runs in the module's folder: the templates sit beside the models, the schema comes from npm ci. */
    private static final Path TEMPLATES = Path.of("..", "bpmn", ".camunda", "element-templates");
    private static final Path SCHEMA = Path.of("node_modules", "@camunda", "element-templates-json-schema",
            "resources", "schema.json");
    private static final String MODEL = "steward/models/data-request.bpmn";

    /**
     * The input parameters each delegate reads, from its class: SetStatus reads status; SendReminder and Escalate read
     * step, notifyGroup, notifyPerson and department (the per-department subprocess's own variable) through
     * ReminderRecipients. The other delegates read no input parameter. Compare this table with the delegates when one
     * changes; the test compares it with the shipped model.
     */
    private static final Map<String, Set<String>> INPUTS_READ = Map.of(
            "setStatus", Set.of("status"),
            "sendReminder", Set.of("step", "notifyGroup", "notifyPerson", "department"),
            "escalate", Set.of("step", "notifyGroup", "notifyPerson", "department"));

    /** Process variables an expression may start with besides the building blocks: the portal sets requester. */
    private static final Set<String> PROCESS_VARIABLES = Set.of("requester");

    /** Statuses the status dropdown leaves out: no process sets DRAFT, and IN_REVIEW is the new-step template's. */
    private static final Set<RequestStatus> NOT_IN_STATUS_DROPDOWN = Set.of(RequestStatus.DRAFT,
            RequestStatus.IN_REVIEW);

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    /** An expression's first name, and the member it reaches, with "(" when it calls a method. */
    private static final Pattern LEADING_NAME =
            Pattern.compile("\\s*([A-Za-z_]\\w*)(?:\\s*\\.\\s*([A-Za-z_]\\w*)(\\s*\\()?)?");
    private static final Pattern BEAN_ONLY = Pattern.compile("[$#]\\{\\s*([A-Za-z_]\\w*)\\s*}");

    private static final ObjectMapper READER = new ObjectMapper();

    private static List<Template> templates;
    private static Schema schema;

    @Autowired
    private ApplicationContext context;

    /** One template of a template file, named "file / id" in failure messages. */
    record Template(String file, JsonNode json) {

        String id() {
            return json.path("id").asText();
        }

        String label() {
            return file + " / " + id();
        }

        /** The BPMN type the element has once the template is applied, without its prefix: serviceTask, userTask. */
        String targetType() {
            String type = json.path("elementType").path("value").asText(json.path("appliesTo").path(0).asText());
            String local = type.substring(type.indexOf(':') + 1);
            return Character.toLowerCase(local.charAt(0)) + local.substring(1);
        }

        List<JsonNode> properties() {
            List<JsonNode> properties = new ArrayList<>();
            json.path("properties").forEach(properties::add);
            return properties;
        }

        /** The bean of the delegate expression the template sets, or null: "${setStatus}" is setStatus. */
        String delegate() {
            for (JsonNode property : properties()) {
                if (isBinding(property, "property", "camunda:delegateExpression")) {
                    Matcher bean = BEAN_ONLY.matcher(property.path("value").asText());
                    return bean.matches() ? bean.group(1) : property.path("value").asText();
                }
            }
            return null;
        }

        /** The names of the input parameters the template writes. */
        Set<String> inputs() {
            Set<String> inputs = new TreeSet<>();
            for (JsonNode property : properties()) {
                if ("camunda:inputParameter".equals(property.path("binding").path("type").asText())) {
                    inputs.add(property.path("binding").path("name").asText());
                }
            }
            return inputs;
        }
    }

    @BeforeAll
    static void readTemplatesAndSchema() throws IOException {
        assertThat(TEMPLATES).as("the templates folder " + TEMPLATES.toAbsolutePath()).isDirectory();
        assertThat(SCHEMA).as("the element templates schema from npm (the build's npm ci installs it)").isRegularFile();
        List<Template> read = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(TEMPLATES)) {
            files = listing.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode content = READER.readTree(file.toFile());
            if (content.isArray()) {
                content.forEach(template -> read.add(new Template(file.getFileName().toString(), template)));
            } else {
                read.add(new Template(file.getFileName().toString(), content));
            }
        }
        templates = List.copyOf(read);
        assertThat(templates).as("templates in " + TEMPLATES).isNotEmpty();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(READER.readTree(SCHEMA.toFile()));
    }

    @Test
    void everyTemplateIsValidAgainstTheModelersSchema_withAUniqueIdAndAVersion() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Template template : templates) {
            schema.validate(template.json()).forEach(error -> problems.add(template.label() + ": " + error));
            if (!ids.add(template.id())) {
                problems.add(template.label() + ": the id is used twice");
            }
            if (!template.id().startsWith("org.steward.")) {
                problems.add(template.label() + ": the id does not start with org.steward.");
            }
            if (!template.json().path("version").isInt()) {
                problems.add(template.label() + ": no version");
            }
            String schemaUri = template.json().path("$schema").asText();
            if (!schemaUri.endsWith("/element-templates-json-schema/resources/schema.json")) {
                problems.add(template.label() + ": $schema is not the Camunda 7 element templates schema");
            }
            if (template.json().path("description").asText().isBlank()) {
                problems.add(template.label() + ": no description for the admin");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The schema check can fail: a real template with one bad property in it is refused. */
    @Test
    void aTemplateWithABadPropertyFailsTheSchema() {
        Template setStatus = template("org.steward.setStatus");
        assertThat(schema.validate(setStatus.json())).isEmpty();

        ObjectNode unknownBinding = setStatus.json().deepCopy();
        ((ObjectNode) unknownBinding.get("properties").get(1).get("binding")).put("type", "camunda:inputParam");
        assertThat(schema.validate(unknownBinding)).map(Object::toString)
                .anyMatch(error -> error.contains("/properties/1/binding/type"));

        ObjectNode dropdownWithoutChoices = setStatus.json().deepCopy();
        ((ObjectNode) dropdownWithoutChoices.get("properties").get(1)).remove("choices");
        assertThat(schema.validate(dropdownWithoutChoices)).map(Object::toString)
                .anyMatch(error -> error.contains("choices"));

        ObjectNode unknownFieldType = setStatus.json().deepCopy();
        ((ObjectNode) unknownFieldType.get("properties").get(0)).put("type", "Checkbox");
        assertThat(schema.validate(unknownFieldType)).map(Object::toString)
                .anyMatch(error -> error.contains("/properties/0/type"));

        ObjectNode noAppliesTo = setStatus.json().deepCopy();
        noAppliesTo.remove("appliesTo");
        assertThat(schema.validate(noAppliesTo)).map(Object::toString).anyMatch(error -> error.contains("appliesTo"));
    }

    /** ${name...} and #{name...} anywhere in a template (values, choices, descriptions) start with a building block. */
    @Test
    void everyExpressionInATemplateNamesABuildingBlock_andAMethodItHas() {
        Map<String, Object> blocks = buildingBlocks();
        List<String> problems = new ArrayList<>();
        for (Template template : templates) {
            eachText(template.json(), "", (path, text) -> {
                Matcher expression = EXPRESSION.matcher(text);
                while (expression.find()) {
                    String problem = expressionProblem(expression.group(1), blocks);
                    if (problem != null) {
                        problems.add(template.label() + " at " + path + ": " + expression.group() + ": " + problem);
                    }
                }
            });
        }
        assertThat(problems).as("building blocks: " + new TreeSet<>(blocks.keySet())).isEmpty();
    }

    /**
     * Each building block is set by a template's field; a task listener (recordSignature) is named in the description
     * of a user-task template instead, since Camunda 7 element templates have no binding for task listeners.
     */
    @Test
    void everyBuildingBlockHasATemplate() {
        List<String> withoutTemplate = new ArrayList<>();
        buildingBlocks().forEach((name, bean) -> {
            boolean named;
            if (bean instanceof TaskListener) {
                named = templates.stream().anyMatch(template -> "userTask".equals(template.targetType())
                        && template.json().path("description").asText().contains("${" + name + "}"));
            } else {
                named = templates.stream().anyMatch(template -> boundValues(template).stream()
                        .anyMatch(value -> leadingNames(value).contains(name)));
            }
            if (!named) {
                withoutTemplate.add(name + " (" + AopUtils.getTargetClass(bean).getSimpleName() + ")");
            }
        });
        assertThat(withoutTemplate).as("building blocks no template offers").isEmpty();
    }

    @Test
    void delegateTemplatesNameADelegate_andOfferOnlyTheInputsItReads() {
        Map<String, Object> blocks = buildingBlocks();
        List<String> problems = new ArrayList<>();
        for (Template template : templates) {
            String delegate = template.delegate();
            if ("serviceTask".equals(template.targetType()) && delegate == null) {
                problems.add(template.label() + ": a service task template without a delegate expression");
            }
            if (delegate == null) {
                continue;
            }
            if (!(blocks.get(delegate) instanceof JavaDelegate)) {
                problems.add(template.label() + ": " + delegate + " is not a building block that a service task calls");
            }
            Set<String> offered = new TreeSet<>(template.inputs());
            offered.removeAll(INPUTS_READ.getOrDefault(delegate, Set.of()));
            if (!offered.isEmpty()) {
                problems.add(template.label() + ": offers " + offered + ", which " + delegate + " does not read");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The table of inputs agrees with the model: every input the model gives a delegate is read, and offered. */
    @Test
    void theInputsTheShippedModelGivesEachDelegateAreReadByIt_andOfferedByItsTemplates() {
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : model().getModelElementsByType(ServiceTask.class)) {
            String delegate = beanOf(task.getCamundaDelegateExpression());
            Set<String> offered = new TreeSet<>();
            templates.stream().filter(template -> Objects.equals(delegate, template.delegate()))
                    .forEach(template -> offered.addAll(template.inputs()));
            for (String input : inputParameters(task).keySet()) {
                if (!INPUTS_READ.getOrDefault(delegate, Set.of()).contains(input)) {
                    problems.add(task.getId() + ": gives " + delegate + " the input " + input
                            + ", which the table of inputs read does not list");
                }
                if (!offered.contains(input)) {
                    problems.add(task.getId() + ": no template of " + delegate + " offers the input " + input);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every "property" binding names an attribute the element has, so a misspelt one cannot pass. */
    @Test
    void everyPropertyATemplateSetsIsAnAttributeOfItsElement() {
        List<String> problems = new ArrayList<>();
        for (Template template : templates) {
            ModelElementType type = Bpmn.INSTANCE.getBpmnModel().getTypeForName(BpmnModelConstants.BPMN20_NS,
                    template.targetType());
            if (type == null) {
                problems.add(template.label() + ": no BPMN element " + template.targetType());
                continue;
            }
            for (JsonNode property : template.properties()) {
                if ("property".equals(property.path("binding").path("type").asText())) {
                    String name = property.path("binding").path("name").asText();
                    if (!hasAttribute(type, name)) {
                        problems.add(template.label() + ": a " + template.targetType() + " has no attribute " + name);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The status dropdown offers the statuses a process sets, each in the words staff see on the request. */
    @Test
    void theStatusDropdownOffersEveryStatusInPlainWords() {
        JsonNode status = template("org.steward.setStatus").properties().stream()
                .filter(property -> isBinding(property, "camunda:inputParameter", "status")).findFirst().orElseThrow();
        Map<String, String> offered = new LinkedHashMap<>();
        status.path("choices")
                .forEach(choice -> offered.put(choice.path("value").asText(), choice.path("name").asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        Arrays.stream(RequestStatus.values()).filter(s -> !NOT_IN_STATUS_DROPDOWN.contains(s))
                .forEach(s -> expected.put(s.name(), s.inPlainWords(null)));
        assertThat(offered).containsExactlyEntriesOf(expected);
    }

    /** Each service task and user task of the shipped model is what one of the templates makes. */
    @Test
    void everyServiceAndUserTaskOfTheShippedModelMatchesATemplate() {
        BpmnModelInstance model = model();
        List<Activity> tasks = new ArrayList<>();
        tasks.addAll(model.getModelElementsByType(ServiceTask.class));
        tasks.addAll(model.getModelElementsByType(UserTask.class));
        List<String> problems = new ArrayList<>();
        for (Activity task : tasks) {
            Map<String, List<String>> tried = new LinkedHashMap<>();
            boolean matched = false;
            for (Template template : templates) {
                List<String> differences = differences(template, task);
                if (differences.isEmpty()) {
                    matched = true;
                    break;
                }
                if (template.targetType().equals(task.getElementType().getTypeName())
                        && (!(task instanceof ServiceTask service) || Objects.equals(template.delegate(),
                                beanOf(service.getCamundaDelegateExpression())))) {
                    tried.put(template.id(), differences);
                }
            }
            if (!matched) {
                problems.add(task.getId() + " matches no template" + (tried.isEmpty() ? " of its kind" : ": " + tried));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Why a task is not what the template makes; empty when it is. */
    private static List<String> differences(Template template, Activity task) {
        List<String> differences = new ArrayList<>();
        if (!template.targetType().equals(task.getElementType().getTypeName())) {
            differences.add("a " + template.targetType());
            return differences;
        }
        Map<String, String> inputs = inputParameters(task);
        for (JsonNode property : template.properties()) {
            String bindingType = property.path("binding").path("type").asText();
            String name = property.path("binding").path("name").asText();
            String actual = switch (bindingType) {
                case "property" -> attribute(task, name);
                case "camunda:inputParameter" -> inputs.get(name);
                default -> null;
            };
            String type = property.path("type").asText();
            if ("Hidden".equals(type) && !property.path("value").asText().equals(actual)) {
                differences.add(name + " is " + actual + ", not " + property.path("value").asText());
            } else if ("Dropdown".equals(type) && !choices(property).contains(actual)) {
                differences.add(name + " " + actual + " is not one of its choices");
            } else if (property.path("constraints").path("notEmpty").asBoolean()
                    && (actual == null || actual.isBlank())) {
                differences.add(name + " is empty");
            } else if (actual != null && !pattern(property).matcher(actual).find()) {
                differences.add(name + " " + actual + " does not match " + pattern(property));
            }
        }
        if (task instanceof ServiceTask) {
            Set<String> notOffered = new TreeSet<>(inputs.keySet());
            notOffered.removeAll(template.inputs());
            if (!notOffered.isEmpty()) {
                differences.add("does not offer " + notOffered);
            }
        }
        return differences;
    }

    private Map<String, Object> buildingBlocks() {
        Map<String, Object> blocks = context.getBeansWithAnnotation(BuildingBlock.class);
        assertThat(blocks).as("building blocks in the application").isNotEmpty();
        return blocks;
    }

    /** Null when the expression starts with a building block (and names a method it has) or a process variable. */
    private static String expressionProblem(String expression, Map<String, Object> blocks) {
        Matcher leading = LEADING_NAME.matcher(expression);
        if (!leading.lookingAt()) {
            return "does not start with a name";
        }
        String name = leading.group(1);
        if (PROCESS_VARIABLES.contains(name)) {
            return leading.group(2) == null ? null : "a process variable used as a bean";
        }
        Object block = blocks.get(name);
        if (block == null) {
            return "no building block named " + name;
        }
        String member = leading.group(2);
        if (member == null) {
            return null;
        }
        Class<?> type = AopUtils.getTargetClass(block);
        boolean call = leading.group(3) != null;
        String getter = "get" + Character.toUpperCase(member.charAt(0)) + member.substring(1);
        boolean found = Arrays.stream(type.getMethods()).map(Method::getName)
                .anyMatch(method -> call ? method.equals(member) : method.equals(getter));
        return found ? null : type.getSimpleName() + " has no public " + (call ? "method " : "property ") + member;
    }

    /** The names that the expressions in a text start with. */
    private static Set<String> leadingNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher leading = LEADING_NAME.matcher(expression.group(1));
            if (leading.lookingAt()) {
                names.add(leading.group(1));
            }
        }
        return names;
    }

    /** What a template writes into the model: the values of its fields and of their choices. */
    private static List<String> boundValues(Template template) {
        List<String> values = new ArrayList<>();
        for (JsonNode property : template.properties()) {
            values.add(property.path("value").asText());
            values.addAll(choices(property));
        }
        return values;
    }

    /** The field's pattern constraint, written as a string or as {value, message}; the Modeler tests it unanchored. */
    private static Pattern pattern(JsonNode property) {
        JsonNode pattern = property.path("constraints").path("pattern");
        return Pattern.compile(pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(""));
    }

    private static List<String> choices(JsonNode property) {
        List<String> choices = new ArrayList<>();
        property.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
        return choices;
    }

    private static void eachText(JsonNode node, String path, BiConsumer<String, String> visitor) {
        if (node.isTextual()) {
            visitor.accept(path, node.asText());
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                eachText(array.get(i), path + "/" + i, visitor);
            }
        } else if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> eachText(field.getValue(), path + "/" + field.getKey(), visitor));
        }
    }

    private static boolean isBinding(JsonNode property, String type, String name) {
        return type.equals(property.path("binding").path("type").asText())
                && name.equals(property.path("binding").path("name").asText());
    }

    private static boolean hasAttribute(ModelElementType type, String name) {
        String namespace = name.startsWith("camunda:") ? BpmnModelConstants.CAMUNDA_NS : null;
        String local = name.substring(name.indexOf(':') + 1);
        for (ModelElementType t = type; t != null; t = t.getBaseType()) {
            for (Attribute<?> attribute : t.getAttributes()) {
                if (attribute.getAttributeName().equals(local)
                        && Objects.equals(attribute.getNamespaceUri(), namespace)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String attribute(Activity task, String name) {
        return name.startsWith("camunda:")
                ? task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, name.substring("camunda:".length()))
                : task.getAttributeValue(name);
    }

    /** The input parameters of a task, by name, with their text (empty for a parameter with no value). */
    private static Map<String, String> inputParameters(Activity task) {
        Map<String, String> parameters = new HashMap<>();
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions != null) {
            Collection<CamundaInputOutput> mappings =
                    extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list();
            for (CamundaInputOutput mapping : mappings) {
                for (CamundaInputParameter parameter : mapping.getCamundaInputParameters()) {
                    parameters.put(parameter.getCamundaName(), parameter.getTextContent().trim());
                }
            }
        }
        return parameters;
    }

    private static String beanOf(String delegateExpression) {
        Matcher bean = BEAN_ONLY.matcher(String.valueOf(delegateExpression));
        return bean.matches() ? bean.group(1) : delegateExpression;
    }

    private static Template template(String id) {
        return templates.stream().filter(template -> template.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no template " + id));
    }

    private static BpmnModelInstance model() {
        try (InputStream in = ElementTemplatesTest.class.getClassLoader().getResourceAsStream(MODEL)) {
            assertThat(in).as(MODEL + " on the classpath").isNotNull();
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
