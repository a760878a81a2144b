package org.steward.workflow.sandbox;

import java.util.Optional;
import java.util.function.Function;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.valuemapper.JavaCustomValueMapper;

/**
 * The first value mapper of the FEEL engine: it lets plain values through to the engine's own mappers and turns any
 * other object into an error, because FEEL would otherwise offer every getter and method of a Java object to the
 * decision table as a context.
 */
final class PlainFeelValues extends JavaCustomValueMapper {

    private static final String SCALA = "camundajar.impl.scala.";
    private static final String FEEL = "org.camunda.feel.";

    @Override
    public Optional<Val> toValue(Object value, Function<Object, Val> inner) {
        if (value == null || value instanceof Val || PlainValues.plainOnItsOwn(value)
                || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                || value.getClass().getName().startsWith(SCALA) || value.getClass().getName().startsWith(FEEL)) {
            return Optional.empty();
        }
        return Optional.of(new ValError("Steward's decision tables may use only text, numbers, yes/no, dates, and"
                + " lists and maps of those, not a " + value.getClass().getSimpleName() + "."));
    }

    @Override
    public Optional<Object> unpackValue(Val value, Function<Val, Object> inner) {
        return Optional.empty();
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }
}
