package org.steward.workflow.sandbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ZonedTime;
import org.camunda.feel.valuemapper.JavaCustomValueMapper;

/**
 * The first value mapper of the FEEL engine: it lets through only the values FEEL's own mappers turn into FEEL values
 * (text, numbers, yes/no, dates, times, durations, lists and maps) and makes any other object an error, because FEEL
 * would otherwise open it as a context of its getters and methods (a Java set, a byte, an instant, FEEL's own objects).
 */
final class PlainFeelValues extends JavaCustomValueMapper {

    /** Exactly the classes FEEL's default mapper knows, besides lists, maps and its own values. */
    private static final Set<Class<?>> KNOWN = Set.of(String.class, Boolean.class, Short.class, Integer.class,
            Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, LocalDate.class,
            LocalTime.class, LocalDateTime.class, ZonedDateTime.class, OffsetDateTime.class, OffsetTime.class,
            ZonedTime.class, Period.class, Duration.class, camundajar.impl.scala.math.BigDecimal.class,
            camundajar.impl.scala.math.BigInt.class);

    @Override
    public Optional<Val> toValue(Object value, Function<Object, Val> inner) {
        if (value == null || value instanceof Val || KNOWN.contains(value.getClass()) || value instanceof Date
                || value instanceof Enum<?> || value instanceof List<?> || value instanceof Map<?, ?>
                || value instanceof camundajar.impl.scala.collection.immutable.List<?>
                || value instanceof camundajar.impl.scala.collection.immutable.Map<?, ?>
                || value instanceof camundajar.impl.scala.Option<?>) {
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
