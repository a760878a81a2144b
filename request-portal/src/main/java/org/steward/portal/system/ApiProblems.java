package org.steward.portal.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.steward.workflow.problem.StewardProblem;

/**
 * Answers every API refusal as an RFC 9457 problem ({@code application/problem+json}) in plain words, with field
 * errors under {@code errors}: for the API's controllers as their advice, and, as a resolver, for calls under {@code
 * /api} that no controller took (an address that names nothing, a method the address does not take, a body of a type
 * it does not read). Pages get theirs from {@link PageProblems}, with the same status for the same problem.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final ObjectMapper json;

    ApiProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Before the page advice, and as a resolver before Spring's own (which would answer with an error page). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    /** How the portal, the API and the engine's API answer a refusal of each kind. */
    static HttpStatus statusOf(StewardProblem problem) {
        return switch (problem.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case MISCONFIGURED -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** A parameter's name or value the firewall refuses, read while binding the call's parameters. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException rejected) {
        return detailOf(StewardProblem.invalid(Map.of("parameters",
                "A parameter's name or value holds characters that no form sends.")));
    }

    @ExceptionHandler(StewardProblem.class)
    ProblemDetail steward(StewardProblem problem) {
        return detailOf(problem);
    }

    /** A refusal as the API answers it: status, title, the message, and field errors under {@code errors}. */
    static ProblemDetail detailOf(StewardProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(statusOf(problem), problem.getMessage());
        detail.setTitle(switch (problem.kind()) {
            case INVALID -> "Some fields need attention";
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not yours to do";
            case CONFLICT -> "Cannot be done now";
            case MISCONFIGURED -> "Steward is not set up for this";
        });
        if (!problem.fieldErrors().isEmpty()) {
            detail.setProperty("errors", problem.fieldErrors());
        }
        return detail;
    }

    /**
     * Anything unforeseen: the transaction rolled back, so say that nothing was kept, and log the cause; a database
     * out of reach is a 503 that says so, with when to ask again.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException failure, HttpServletRequest request) {
        if (DatabaseAway.causedBy(failure)) {
            DatabaseAway.log(request, failure);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseAway.RETRY_AFTER_SECONDS).body(DatabaseAway.problem());
        }
        log.error("Unexpected failure on an API call", failure);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side and nothing was saved. Try again; if it happens again, tell an admin "
                        + "the time it happened.");
        detail.setTitle("Unexpected error");
        return ResponseEntity.internalServerError().body(detail);
    }

    /** {@code ?page=abc}, an enum's value misspelled: a 400 naming the parameter and, for an enum, what it takes. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : mismatch.getPropertyName();
        String allowed = mismatch.getRequiredType() != null && mismatch.getRequiredType().isEnum()
                ? " Use one of: " + Arrays.stream(mismatch.getRequiredType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", ")) + "."
                : "";
        return ResponseEntity.badRequest().body(detailOf(StewardProblem.invalid(Map.of(String.valueOf(name),
                "\"" + mismatch.getValue() + "\" is not a valid value." + allowed))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException missing, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.badRequest().body(detailOf(StewardProblem.invalid(Map.of(missing.getParameterName(),
                "This value is required."))));
    }

    /** Spring's own answers (405, 406, 415, 404 for an address) keep their status and get a title in plain words. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            plainWords(detail, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static void plainWords(ProblemDetail detail, HttpStatusCode status) {
        switch (status.value()) {
            case 404 -> {
                detail.setTitle("Not found");
                detail.setDetail("The API has nothing at this address. See /v3/api-docs for the addresses it has.");
            }
            case 405 -> {
                detail.setTitle("Method not allowed");
                detail.setDetail("This address does not take this method; the Allow header lists the ones it takes.");
            }
            case 406 -> {
                detail.setTitle("Not acceptable");
                detail.setDetail("The API answers in JSON (or the file the address names); ask for that in Accept.");
            }
            case 415 -> {
                detail.setTitle("Unsupported media type");
                detail.setDetail("Send the body as JSON, with Content-Type: application/json.");
            }
            default -> {
            }
        }
    }

    /** A call under /api that no controller took: the same problem as a controller's, written here. */
    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (handler instanceof HandlerMethod || !Paths.of(request).startsWith("/api/")) {
            return null;
        }
        ResponseEntity<Object> answer;
        try {
            answer = handleException(failure, new ServletWebRequest(request, response));
        } catch (Exception notOurs) {
            return null;
        }
        if (answer == null || !(answer.getBody() instanceof ProblemDetail detail)) {
            return null;
        }
        detail.setInstance(URI.create(request.getRequestURI()));
        try {
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = unreadable; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimits.TooLarge tooLarge) {
                ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                        "The request body is larger than the API takes in one request (" + BodySizeLimits.words(
                                tooLarge.limit) + " of JSON). Nothing was saved.");
                detail.setTitle("Request too large");
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(detail);
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Throwable cause = unreadable.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            String allowed = mapping instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()
                            ? " Use one of: " + Arrays.stream(format.getTargetType().getEnumConstants())
                                    .map(Object::toString).collect(Collectors.joining(", ")) + "."
                            : mapping instanceof InvalidFormatException format2 && format2.getTargetType() != null
                                    && format2.getTargetType().getSimpleName().equals("LocalDate")
                                            ? " Write dates like 2027-01-31." : "";
            errors.put(field, "This value cannot be read." + allowed);
            return ResponseEntity.badRequest().body(steward(StewardProblem.invalid(errors)));
        }
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON. Check for a missing comma, quote or brace.");
        detail.setTitle("Unreadable request");
        detail.setProperty("errors", Map.of("body", "Not valid JSON."));
        return ResponseEntity.badRequest().body(detail);
    }

    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
