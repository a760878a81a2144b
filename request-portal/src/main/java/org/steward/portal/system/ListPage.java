package org.steward.portal.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.steward.workflow.problem.StewardProblem;

/**
 * One page of a list as the API answers it: the items, the page (numbered from 0), its size, and how many there are
 * in all.
 */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    /** The size of a page when the caller names none. */
    public static final int DEFAULT_SIZE = 50;
    /** The largest page a caller may ask for. */
    public static final int MAX_SIZE = 200;

    /** The API's page of what a query answered, each item as the API shows it. */
    public static <S, T> ListPage<T> of(Page<S> found, Function<S, T> shown) {
        return new ListPage<>(found.getContent().stream().map(shown).toList(), found.getNumber(), found.getSize(),
                found.getTotalElements());
    }

    /** The page and size a caller asked for, checked: a bad one is refused with 400 naming it. */
    public record Asked(int page, int size) {

        public static Asked of(Integer page, Integer size) {
            if (page != null && page < 0) {
                throw StewardProblem.invalid(Map.of("page", "Pages are numbered from 0."));
            }
            if (size != null && (size < 1 || size > MAX_SIZE)) {
                throw StewardProblem.invalid(Map.of("size", "Choose a size from 1 to " + MAX_SIZE + "."));
            }
            return new Asked(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
        }
    }

    /** The order a caller named (its name in any case), the default when none: 400 listing the choices otherwise. */
    public static <E extends Enum<E>> E sort(String asked, Class<E> orders, E fallback) {
        if (asked == null || asked.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(orders, asked.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw StewardProblem.invalid(Map.of("sort", "Sort by one of: " + String.join(", ",
                    Arrays.stream(orders.getEnumConstants()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList())
                    + "."));
        }
    }
}
