package org.steward.workflow.sandbox;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormValidators;
import org.camunda.bpm.engine.impl.form.validator.MaxLengthValidator;
import org.camunda.bpm.engine.impl.form.validator.MaxValidator;
import org.camunda.bpm.engine.impl.form.validator.MinLengthValidator;
import org.camunda.bpm.engine.impl.form.validator.MinValidator;
import org.camunda.bpm.engine.impl.form.validator.ReadOnlyValidator;
import org.camunda.bpm.engine.impl.form.validator.RequiredValidator;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The engine's form field constraints without the custom {@code validator}, which would create an object of any Java
 * class a model names each time a form is submitted; the engine's own parser then refuses such a model.
 */
final class BuiltInConstraintsOnly extends FormValidators {

    BuiltInConstraintsOnly() {
        addValidator("min", MinValidator.class);
        addValidator("max", MaxValidator.class);
        addValidator("minlength", MinLengthValidator.class);
        addValidator("maxlength", MaxLengthValidator.class);
        addValidator("required", RequiredValidator.class);
        addValidator("readonly", ReadOnlyValidator.class);
    }

    @Override
    public FormFieldValidator createValidator(Element constraint, BpmnParse bpmnParse,
            ExpressionManager expressionManager) {
        if ("validator".equals(constraint.attribute("name"))) {
            bpmnParse.addError("Steward checks form fields only with the built-in constraints (required, minlength,"
                    + " maxlength, min, max, readonly), not with a Java validator.", constraint);
            return null;
        }
        return super.createValidator(constraint, bpmnParse, expressionManager);
    }
}
