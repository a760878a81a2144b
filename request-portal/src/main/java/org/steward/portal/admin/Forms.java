package org.steward.portal.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindingResult;
import org.steward.workflow.problem.StewardProblem;

/** Puts a service's refusal onto the form, each message next to its field; the typed input stays in the form. */
public final class Forms {

    private Forms() {
    }

    /**
     * Rethrows anything but invalid input, which the page shows instead: field errors in the order the form shows its
     * fields (so the summary at the top reads in the same order), any other as an error of the whole form.
     */
    public static void reject(BindingResult form, StewardProblem problem, List<String> fieldOrder) {
        if (problem.kind() != StewardProblem.Kind.INVALID) {
            throw problem;
        }
        BeanWrapperImpl target = new BeanWrapperImpl(form.getTarget());
        Map<String, String> errors = new LinkedHashMap<>();
        fieldOrder.stream().filter(problem.fieldErrors()::containsKey)
                .forEach(field -> errors.put(field, problem.fieldErrors().get(field)));
        problem.fieldErrors().forEach(errors::putIfAbsent);
        for (Map.Entry<String, String> error : errors.entrySet()) {
            if (target.isReadableProperty(error.getKey())) {
                form.rejectValue(error.getKey(), "invalid", error.getValue());
            } else {
                form.reject("invalid", error.getValue());
            }
        }
        if (errors.isEmpty()) {
            form.reject("invalid", problem.getMessage());
        }
    }
}
