package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.steward.workflow.sandbox.ModelReach;
import org.springframework.context.ApplicationContext;

/**
 * What expressions in a model may name: the building blocks (the beans the engine is given), the request's variables,
 * and a few read-and-write-variables members of the engine's own {@code execution} and {@code task}; never another
 * bean of the application, the engine's services behind them, or Java's reflection. Expressions are judged on JUEL's
 * own syntax tree, so that strings and spacing cannot hide a name.
 */
final class Vocabulary {

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
            if (!isBuildingBlock(name) && !ModelReach.ENGINE_OBJECTS.contains(name) && context.containsBean(name)) {
                problems.add("the expression " + text.strip() + " reaches \"" + name + "\", which is not a Steward"
                        + " building block: expressions may use only the building blocks and the request's"
                        + " variables.");
            }
        }
        walk(tree.getRoot(), text.strip(), problems);
        return problems;
    }

    private void walk(Node node, String shown, List<String> problems) {
        if (node instanceof AstBracket && !(node.getChild(1) instanceof AstNumber)) {
            problems.add("the expression " + shown + " looks a name up by a computed value ([…]): write the name out"
                    + " (a.b) so that it can be checked.");
        }
        if (node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot) {
            checkMethod(member(dot), dot.getChild(0), shown, problems);
            walk(dot.getChild(0), shown, problems);
            walk(method.getChild(1), shown, problems);
            return;
        }
        if (node instanceof AstDot dot) {
            checkProperty(member(dot), dot.getChild(0), shown, problems);
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), shown, problems);
        }
    }

    /**
     * A method may be called only on a building block (its methods for models), on the execution or the task (their
     * variable methods), or on a decision result: never on a text, a number, a date, a list or anything else.
     */
    private void checkMethod(String name, Node base, String shown, List<String> problems) {
        Node owner = unwrap(base);
        if (WAYS_OUT.contains(name)) {
            problems.add(reachesPast(shown, name));
        } else if (owner instanceof AstIdentifier id && isBuildingBlock(id.getName())) {
            Set<String> allowed = ModelReach.modelMethods(buildingBlock(id.getName()));
            if (!allowed.contains(name)) {
                problems.add("the expression " + shown + " calls " + id.getName() + "." + name + ", which is not one"
                        + " of that building block's methods for models (" + (allowed.isEmpty() ? "it has none"
                        : String.join(", ", allowed)) + ").");
            }
        } else if (mayBeEngineObject(owner)) {
            if (!ModelReach.executionMethod(name)) {
                problems.add(engineObjectMember(shown, owner, name));
            }
        } else if (!(fromDecisionResult(owner) && ModelReach.decisionResultMethod(name))) {
            problems.add("the expression " + shown + " calls " + name + "(…) on something that is not a building"
                    + " block: a model may call only the building blocks' methods and the variable methods of"
                    + " execution and task.");
        }
    }

    private void checkProperty(String name, Node base, String shown, List<String> problems) {
        Node owner = unwrap(base);
        if (WAYS_OUT.contains(name)) {
            problems.add(reachesPast(shown, name));
        } else if (owner instanceof AstIdentifier id && isBuildingBlock(id.getName())) {
            problems.add("the expression " + shown + " reads " + id.getName() + "." + name + ": a building block"
                    + " offers models only its methods.");
        } else if (mayBeEngineObject(owner) && !ModelReach.executionProperty(name)) {
            problems.add(engineObjectMember(shown, owner, name));
        }
    }

    /** Whether a node may stand for the execution or the task: the names themselves, in brackets or in a choice. */
    private static boolean mayBeEngineObject(Node node) {
        Node unwrapped = unwrap(node);
        if (unwrapped instanceof AstIdentifier id) {
            return ModelReach.ENGINE_OBJECTS.contains(id.getName());
        }
        if (unwrapped instanceof AstChoice) {
            return mayBeEngineObject(unwrapped.getChild(1)) || mayBeEngineObject(unwrapped.getChild(2));
        }
        return false;
    }

    /** Whether a node is the decision result a business rule task leaves, or something read from it. */
    private static boolean fromDecisionResult(Node node) {
        Node unwrapped = unwrap(node);
        if (unwrapped instanceof AstIdentifier id) {
            return ModelReach.DECISION_RESULT.equals(id.getName());
        }
        if (unwrapped instanceof AstMethod method) {
            return fromDecisionResult(method.getChild(0));
        }
        if (unwrapped instanceof AstDot || unwrapped instanceof AstBracket) {
            return fromDecisionResult(unwrapped.getChild(0));
        }
        return false;
    }

    private static Node unwrap(Node node) {
        Node unwrapped = node;
        while (unwrapped instanceof AstNested || unwrapped instanceof AstEval) {
            unwrapped = unwrapped.getChild(0);
        }
        return unwrapped;
    }

    private static String member(AstDot dot) {
        return dot.toString().substring(2).trim();
    }

    private static String reachesPast(String shown, String member) {
        return "the expression " + shown + " reaches past the building blocks (\"" + member + "\"): expressions may"
                + " use only the building blocks and the request's variables.";
    }

    private static String engineObjectMember(String shown, Node owner, String member) {
        String name = owner instanceof AstIdentifier id ? id.getName() : "execution";
        return "the expression " + shown + " uses " + name + "." + member + ": of the execution and the task a model"
                + " may use only their variables and what identifies them.";
    }

    /** The text as JUEL reads it: literal text and expressions together, as the engine does. */
    private static Tree parse(String text) {
        return new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build(text);
    }
}
