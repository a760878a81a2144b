package org.steward.workflow.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

/**
 * Checks process and decision models against what Steward can run: the rules of the deployment gate, which the engine
 * applies to every deployment, and the warnings that do not block one.
 */
@Service
public class ModelCheck {

    private final ApplicationContext context;
    private final ObjectProvider<ProcessEngine> engine;
    private final ModelLimits limits;

    ModelCheck(ApplicationContext context, ObjectProvider<ProcessEngine> engine, ModelLimits limits) {
        this.context = context;
        this.engine = engine;
        this.limits = limits;
    }

    /** Checks the resources of one deployment, by name, with the warnings; deploys nothing. */
    public ModelReport check(Map<String, byte[]> resources) {
        ProcessEngineConfigurationImpl configuration =
                ((ProcessEngineImpl) engine.getObject()).getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired()
                .execute(commandContext -> check(resources, configuration, true));
    }

    /** The gate's check, run inside the engine's command (the deployment's own, or one of {@link #check(Map)}). */
    ModelReport check(Map<String, byte[]> resources, ProcessEngineConfigurationImpl configuration, boolean warnings) {
        Findings findings = new Findings();
        Vocabulary vocabulary = new Vocabulary(configuration.getBeans(), context);
        for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
            String name = resource.getKey();
            Kind kind = Kind.of(name);
            if (kind == null) {
                findings.error(name, null, "is neither a BPMN process (.bpmn) nor a DMN decision (.dmn); Steward"
                        + " deploys only those.");
                continue;
            }
            String tooLarge = limits.problem(resource.getValue());
            if (tooLarge != null) {
                findings.error(name, null, tooLarge);
                continue;
            }
            Document document = read(name, resource.getValue(), findings);
            if (document == null) {
                continue;
            }
            Element root = document.getDocumentElement();
            if (kind == Kind.BPMN) {
                new BpmnRules(name, vocabulary, findings, warnings ? new GroupMembers(configuration) : null).check(root);
                if (!findings.hasErrorsIn(name)) {
                    parseAsTheEngineDoes(name, resource.getValue(), configuration, findings);
                }
            } else {
                new DmnRules(name, vocabulary, findings).check(root);
                if (!findings.hasErrorsIn(name)) {
                    DmnRules.parseAsTheEngineDoes(name, resource.getValue(), configuration, findings);
                }
            }
        }
        return findings.report();
    }

    /** Reads the XML without fetching anything from outside (no DTDs, no external entities). */
    private static Document read(String name, byte[] bytes, Findings findings) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            findings.error(name, null, "cannot be read: it is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage() + ").");
        } catch (Exception e) {
            findings.error(name, null, "cannot be read as XML: " + e.getMessage());
        }
        return null;
    }

    /** The engine's own parser, so its refusals (an invalid model, an unsupported element) join ours in one answer. */
    private static void parseAsTheEngineDoes(String name, byte[] bytes, ProcessEngineConfigurationImpl configuration,
            Findings findings) {
        try {
            DeploymentEntity scratch = new DeploymentEntity();
            scratch.setValidatingSchema(true);
            new BpmnParser(configuration.getExpressionManager(), configuration.getBpmnParseFactory()).createParse()
                    .sourceInputStream(new ByteArrayInputStream(bytes)).deployment(scratch).name(name).execute();
        } catch (ParseException e) {
            for (ResourceReport report : e.getResorceReports()) {
                for (Problem problem : report.getErrors()) {
                    findings.error(name, problem.getMainElementId(), "the engine cannot run it: "
                            + EngineWords.clean(problem.getMessage()) + where(problem));
                }
            }
        } catch (RuntimeException e) {
            findings.error(name, null, "the engine cannot read it: " + EngineWords.clean(e.getMessage()));
        }
    }

    private static String where(Problem problem) {
        return problem.getLine() > 0 ? " (line " + problem.getLine() + ")" : "";
    }

    /** Which kind of model a resource is, by its name as the engine decides it. */
    enum Kind {
        BPMN, DMN;

        static Kind of(String name) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                return BPMN;
            }
            if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                return DMN;
            }
            return null;
        }
    }

    /** Who is in a candidate group, asked only for warnings. */
    static final class GroupMembers {

        private final ProcessEngineConfigurationImpl configuration;

        GroupMembers(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        boolean empty(String group) {
            return configuration.getIdentityService().createUserQuery().memberOfGroup(group).count() == 0;
        }
    }

    /** The findings of one check, errors and warnings, each once. */
    static final class Findings {

        private final Set<Finding> errors = new LinkedHashSet<>();
        private final Set<Finding> warnings = new LinkedHashSet<>();

        void error(String resource, String elementId, String problem) {
            errors.add(new Finding(resource, elementId, problem));
        }

        void warning(String resource, String elementId, String problem) {
            warnings.add(new Finding(resource, elementId, problem));
        }

        boolean hasErrorsIn(String resource) {
            return errors.stream().anyMatch(f -> f.resource().equals(resource));
        }

        ModelReport report() {
            return new ModelReport(new ArrayList<>(errors), new ArrayList<>(warnings));
        }
    }

    /** Cleans the engine's messages for people: no log codes. */
    static final class EngineWords {

        private EngineWords() {
        }

        static String clean(String message) {
            if (message == null) {
                return "no reason given";
            }
            String text = message.replaceAll("ENGINE-\\d+\\s*", "").replaceAll("DMN-\\d+\\s*", "").trim();
            int bar = text.indexOf(" | ");
            return bar > 0 ? text.substring(0, bar).trim() : text;
        }
    }
}
