package org.steward.workflow.sandbox;

import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The engine's BPMN parser, refusing {@code camunda:formHandlerClass}: the parser would create an object of the class
 * named there while reading the model, before any other check could stop it.
 */
final class NoFormHandlerClasses implements BpmnParseFactory {

    @Override
    public BpmnParse createBpmnParse(BpmnParser parser) {
        return new BpmnParse(parser) {
            @Override
            protected void parseStartFormHandlers(List<Element> startEvents, ProcessDefinitionEntity definition) {
                startEvents.forEach(NoFormHandlerClasses::refuseFormHandlerClass);
                super.parseStartFormHandlers(startEvents, definition);
            }

            @Override
            public TaskDefinition parseTaskDefinition(Element task, String key, ActivityImpl activity,
                    ProcessDefinitionEntity definition) {
                refuseFormHandlerClass(task);
                return super.parseTaskDefinition(task, key, activity, definition);
            }
        };
    }

    private static void refuseFormHandlerClass(Element element) {
        String className = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formHandlerClass");
        if (className != null) {
            throw new BpmnParseException("Steward runs no Java class that a model names (" + className
                    + " as a form handler): give the step form fields instead.", element);
        }
    }
}
