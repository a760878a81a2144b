package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.springframework.context.ApplicationContext;

/**
 * What expressions in a model may name: the building blocks (the beans the engine is given), the request's variables,
 * and the engine's own {@code execution} and {@code task}; never another bean of the application, nor the engine's
 * services behind them.
 */
final class Vocabulary {

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    // Ways out of the building blocks: to the engine's services, or to Java's reflection.
    private static final Pattern REACH = Pattern.compile(
            "(?i)(processEngine|processEngineServices|ProcessEngineConfiguration|getClass|classLoader|forName"
                    + "|\\bclass\\b|Runtime|System\\.)");

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

    /** The identifiers at the top of each expression in the text (variables or beans), in order. */
    List<String> identifiers(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(text);
        while (matcher.find()) {
            Tree tree = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS)
                    .build("${" + matcher.group(1) + "}");
            for (IdentifierNode node : tree.getIdentifierNodes()) {
                names.add(node.getName());
            }
        }
        return names;
    }

    /** What is wrong with the expressions in the text, in plain words; empty when nothing is. */
    List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(1);
            String shown = matcher.group();
            Tree tree;
            try {
                tree = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build("${" + body + "}");
            } catch (TreeBuilderException e) {
                problems.add("the expression " + shown + " cannot be read (" + e.getMessage() + ").");
                continue;
            }
            for (IdentifierNode node : tree.getIdentifierNodes()) {
                String name = node.getName();
                if (!isBuildingBlock(name) && context.containsBean(name)) {
                    problems.add("the expression " + shown + " reaches \"" + name + "\", which is not a Steward"
                            + " building block: expressions may use only the building blocks and the request's"
                            + " variables.");
                }
            }
            Matcher reach = REACH.matcher(body);
            if (reach.find()) {
                problems.add("the expression " + shown + " reaches past the building blocks (\"" + reach.group()
                        + "\"): expressions may use only the building blocks and the request's variables.");
            }
        }
        return problems;
    }
}
