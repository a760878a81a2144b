package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A value in the address, the query or a form that cannot be read as what the page expects ({@code ?page=abc}, a
 * draft's number that is no number, a parameter name the firewall refuses): a path value names nothing there (404) and
 * a query or form value is a 400 page. Resolved before {@link PageProblems}' catch-all, which would take it for an
 * unforeseen failure; the API's are {@link ApiProblems}'.
 */
@Component
class UnreadableValues implements HandlerExceptionResolver, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (Paths.of(request).startsWith("/api/")) {
            return null;
        }
        if (failure instanceof MethodArgumentTypeMismatchException mismatch) {
            boolean inPath = mismatch.getParameter().hasParameterAnnotation(
                    org.springframework.web.bind.annotation.PathVariable.class);
            if (inPath) {
                return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
            }
            String allowed = mismatch.getRequiredType() != null && mismatch.getRequiredType().isEnum()
                    ? " Use one of: " + Arrays.stream(mismatch.getRequiredType().getEnumConstants())
                            .map(Object::toString).collect(Collectors.joining(", ")) + "."
                    : "";
            return refuse(request, response, mismatch.getName(),
                    "\"" + mismatch.getValue() + "\" is not a valid value." + allowed);
        }
        if (failure instanceof MissingServletRequestParameterException missing) {
            return refuse(request, response, missing.getParameterName(), "This value is required.");
        }
        if (failure instanceof RequestRejectedException) {
            return refuse(request, response, "parameters",
                    "A parameter's name or value holds characters that no form sends.");
        }
        return null;
    }

    private static ModelAndView refuse(HttpServletRequest request, HttpServletResponse response, String field,
            String why) {
        PlainAnswers.pageOrFail(request, response, HttpStatus.BAD_REQUEST, "This address cannot be read",
                field + ": " + why + " Go back and try again from the page's own links and forms.");
        return new ModelAndView();
    }
}
