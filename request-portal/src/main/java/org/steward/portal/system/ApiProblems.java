package org.steward.portal.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.steward.workflow.problem.StewardProblem;

/** Answers every API refusal as an RFC 9457 problem in plain words, with field errors under {@code errors}. */
@RestControllerAdvice(basePackages = "org.steward.portal")
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

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

    /** Anything unforeseen: the transaction rolled back, so say that nothing was kept, and log the cause. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException failure) {
        log.error("Unexpected failure on an API call", failure);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side and nothing was saved. Try again; if it happens again, tell an admin "
                        + "the time it happened.");
        detail.setTitle("Unexpected error");
        return detail;
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
