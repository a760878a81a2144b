package org.steward.workflow.deployment;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The gate's rules for a DMN file: every decision keeps its history for a set time, and its expressions are FEEL or
 * JUEL over the building blocks and the inputs, never a script.
 */
final class DmnRules {

    private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/dmn");
    // FEEL in its several spellings, and JUEL; anything else (javascript, groovy, python …) is a script.
    /**
     * The languages the decision engine evaluates itself, spelled exactly as it compares them: FEEL's namespaces (case
     * counts), "feel" and "juel" in any case. Any other spelling ("feel-scala", a namespace in lower case) goes to the
     * script engines.
     */
    private static final Set<String> FEEL_NAMESPACES = Set.of(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

    private final String resource;
    private final Vocabulary vocabulary;
    private final ModelCheck.Findings findings;

    DmnRules(String resource, Vocabulary vocabulary, ModelCheck.Findings findings) {
        this.resource = resource;
        this.vocabulary = vocabulary;
        this.findings = findings;
    }

    void check(Element definitions) {
        if (!"definitions".equals(definitions.getLocalName()) || definitions.getNamespaceURI() == null
                || !definitions.getNamespaceURI().toLowerCase(Locale.ROOT).contains("dmn")) {
            findings.error(resource, null, "is not a DMN model: its root element is <" + definitions.getTagName()
                    + ">, not <definitions> of DMN.");
            return;
        }
        boolean anyDecision = false;
        for (Node child = definitions.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element decision && "decision".equals(decision.getLocalName())) {
                anyDecision = true;
                if (camunda(decision, "historyTimeToLive").isBlank()) {
                    findings.error(resource, decision.getAttribute("id"), "has no history time to live: set one (for"
                            + " example 3650 days) so the engine knows how long to keep its evaluations.");
                }
            }
        }
        if (!anyDecision) {
            findings.error(resource, null, "holds no decision: there is nothing for Steward to evaluate.");
        }
        walk(definitions, definitions.getAttribute("expressionLanguage"));
    }

    private static boolean evaluatedByTheEngine(String language) {
        return FEEL_NAMESPACES.contains(language)
                || DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE.equalsIgnoreCase(language)
                || DefaultDmnEngineConfiguration.JUEL_EXPRESSION_LANGUAGE.equalsIgnoreCase(language);
    }

    private void walk(Element element, String inherited) {
        String language = element.getAttribute("expressionLanguage").trim();
        if (!language.isEmpty() && !evaluatedByTheEngine(language)) {
            findings.error(resource, id(element), "is written in " + language + ", a script language: Steward runs"
                    + " no scripts; write it in FEEL.");
        }
        String effective = language.isEmpty() ? inherited : language;
        String text = BpmnRules.ownText(element);
        // In JUEL a decision's text may be an expression without ${}: check it as the engine would evaluate it.
        boolean bare = "text".equals(element.getLocalName()) && !text.isBlank() && !Vocabulary.hasExpression(text)
                && "juel".equalsIgnoreCase(effective == null ? "" : effective.trim());
        if (bare) {
            text = "${" + text + "}";
        }
        if (Vocabulary.hasExpression(text)) {
            for (String problem : vocabulary.problems(text)) {
                if (bare && problem.contains(" cannot be read: ")) {
                    continue; // a unary test such as "> 5" is no expression of its own
                }
                findings.error(resource, id(element), problem);
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, effective);
            }
        }
    }

    /** The engine's own DMN reading, so a table it cannot use is refused here, in words, rather than failing later. */
    static void parseAsTheEngineDoes(String name, byte[] bytes, ProcessEngineConfigurationImpl configuration,
            ModelCheck.Findings findings) {
        try {
            configuration.getDmnEngine().parseDecisionRequirementsGraph(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            findings.error(name, null, "the engine cannot use it: " + ModelCheck.EngineWords.clean(e.getMessage()));
        }
    }

    private static String id(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (!e.getAttribute("id").isBlank()) {
                return e.getAttribute("id");
            }
        }
        return null;
    }

    private static String camunda(Element element, String attribute) {
        for (String ns : CAMUNDA) {
            String value = element.getAttributeNS(ns, attribute);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
