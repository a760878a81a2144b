package org.steward.portal.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.steward.workflow.problem.StewardProblem;

/**
 * A value in the address, the query or a form that cannot be read as what the page or the API expects ({@code
 * ?page=abc}, a draft's number that is no number, a parameter name the firewall refuses): on the API a 400 naming it;
 * on a page, a path value names nothing there (404) and a query or form value is a 400 page. Resolved before any
 * page's own catch-all, which would take it for an unforeseen failure.
 */
@Component
class UnreadableValues implements HandlerExceptionResolver, Ordered {

    private final ObjectMapper json;

    UnreadableValues(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        boolean api = Paths.of(request).startsWith("/api/");
        if (failure instanceof MethodArgumentTypeMismatchException mismatch) {
            boolean inPath = mismatch.getParameter().hasParameterAnnotation(
                    org.springframework.web.bind.annotation.PathVariable.class);
            if (!api && inPath) {
                return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
            }
            String allowed = mismatch.getRequiredType() != null && mismatch.getRequiredType().isEnum()
                    ? " Use one of: " + Arrays.stream(mismatch.getRequiredType().getEnumConstants())
                            .map(Object::toString).collect(Collectors.joining(", ")) + "."
                    : "";
            return refuse(request, response, api, mismatch.getName(),
                    "\"" + mismatch.getValue() + "\" is not a valid value." + allowed);
        }
        if (failure instanceof MissingServletRequestParameterException missing) {
            return refuse(request, response, api, missing.getParameterName(), "This value is required.");
        }
        if (failure instanceof RequestRejectedException) {
            return refuse(request, response, api, "parameters",
                    "A parameter's name or value holds characters that no form sends.");
        }
        return null;
    }

    private ModelAndView refuse(HttpServletRequest request, HttpServletResponse response, boolean api, String field,
            String why) {
        if (!api) {
            PlainAnswers.pageOrFail(request, response, HttpStatus.BAD_REQUEST, "This address cannot be read",
                    field + ": " + why + " Go back and try again from the page's own links and forms.");
            return new ModelAndView();
        }
        try {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(),
                    ApiProblems.detailOf(StewardProblem.invalid(Map.of(field, why))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }
}
