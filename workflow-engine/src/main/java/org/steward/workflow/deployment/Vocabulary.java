package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.springframework.context.ApplicationContext;

/**
 * What expressions in a model may name: the building blocks (the beans the engine is given), the request's variables,
 * and a few read-and-write-variables members of the engine's own {@code execution} and {@code task}; never another
 * bean of the application, the engine's services behind them, or Java's reflection. Expressions are judged on JUEL's
 * own syntax tree, so that strings and spacing cannot hide a name.
 */
final class Vocabulary {

    // What a model may use of the execution and the task it runs in: their variables and what identifies them.
    private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task");
    private static final Set<String> ENGINE_OBJECT_MEMBERS = Set.of("getVariable", "getVariableLocal", "getVariables",
            "getVariablesLocal", "variables", "variablesLocal", "hasVariable", "hasVariableLocal", "setVariable",
            "setVariableLocal", "getProcessBusinessKey", "processBusinessKey", "getBusinessKey", "businessKey",
            "getProcessInstanceId", "processInstanceId", "getId", "id", "getCurrentActivityId", "currentActivityId",
            "getCurrentActivityName", "currentActivityName", "getEventName", "eventName", "getName", "name",
            "getAssignee", "assignee", "getTaskDefinitionKey", "taskDefinitionKey", "getDueDate", "dueDate",
            "getCreateTime", "createTime", "getProcessDefinitionId", "processDefinitionId", "getActivityInstanceId",
            "activityInstanceId", "getTenantId", "tenantId", "getPriority", "priority", "getDescription",
            "description", "getOwner", "owner");
    // Members that lead out of any object: to the engine's services, or to Java's reflection.
    private static final Set<String> WAYS_OUT = Set.of("class", "getClass", "classLoader", "getClassLoader",
            "forName", "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
            "processEngineConfiguration", "getProcessEngineConfiguration", "declaredMethods", "getDeclaredMethods",
            "getMethod", "getDeclaredMethod", "invoke", "newInstance");

    private final Map<Object, Object> buildingBlocks;
    private final ApplicationContext context;

    Vocabulary(Map<Object, Object> buildingBlocks, ApplicationContext context) {
        this.buildingBlocks = buildingBlocks == null ? Map.of() : buildingBlocks;
        this.context = context;
    }

    boolean isBuildingBlock(String name) {
        return buildingBlocks.containsKey(name);
    }

    Object buildingBlock(String name) {
        return buildingBlocks.get(name);
    }

    String names() {
        return String.join(", ", new TreeSet<>(buildingBlocks.keySet().stream().map(Object::toString).toList()));
    }

    /** Does the text hold an expression at all? */
    static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** The name in a delegate expression such as {@code ${setStatus}}, or null when it is anything more. */
    static String singleName(String text) {
        Matcher matcher = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$").matcher(text);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The identifiers the text's expressions use (variables or beans); none when it cannot be read. */
    List<String> identifiers(String text) {
        List<String> names = new ArrayList<>();
        try {
            for (IdentifierNode node : parse(text).getIdentifierNodes()) {
                names.add(node.getName());
            }
        } catch (TreeBuilderException unreadable) {
            // problems() says so
        }
        return names;
    }

    /** What is wrong with the expressions in the text, in plain words; empty when nothing is. */
    List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Tree tree;
        try {
            tree = parse(text);
        } catch (TreeBuilderException e) {
            problems.add("the expression " + text.strip() + " cannot be read: " + e.getMessage());
            return problems;
        }
        for (IdentifierNode node : tree.getIdentifierNodes()) {
            String name = node.getName();
            if (!isBuildingBlock(name) && !ENGINE_OBJECTS.contains(name) && context.containsBean(name)) {
                problems.add("the expression " + text.strip() + " reaches \"" + name + "\", which is not a Steward"
                        + " building block: expressions may use only the building blocks and the request's"
                        + " variables.");
            }
        }
        walk(tree.getRoot(), text.strip(), problems);
        return problems;
    }

    private static void walk(Node node, String shown, List<String> problems) {
        if (node instanceof AstBracket && !(node.getChild(1) instanceof AstNumber)) {
            problems.add("the expression " + shown + " looks a name up by a computed value ([…]): write the name out"
                    + " (a.b) so that it can be checked.");
        }
        if (node instanceof AstDot dot) {
            String member = dot.toString().substring(2).trim();
            if (WAYS_OUT.contains(member)) {
                problems.add("the expression " + shown + " reaches past the building blocks (\"" + member + "\"):"
                        + " expressions may use only the building blocks and the request's variables.");
            } else if (dot.getChild(0) instanceof AstIdentifier owner && ENGINE_OBJECTS.contains(owner.getName())
                    && !ENGINE_OBJECT_MEMBERS.contains(member)) {
                problems.add("the expression " + shown + " uses " + owner.getName() + "." + member + ": of the "
                        + owner.getName() + " a model may use only its variables and what identifies it.");
            }
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), shown, problems);
        }
    }

    /** The text as JUEL reads it: literal text and expressions together, as the engine does. */
    private static Tree parse(String text) {
        return new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build(text);
    }
}
