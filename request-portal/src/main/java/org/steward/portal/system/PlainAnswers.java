package org.steward.portal.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Refusals written before any controller runs (a login missing, a request from another site, an address that cannot
 * be read): a problem detail for the API and the engine's API, a plain page for people.
 */
@Component
public class PlainAnswers {

    private final ObjectMapper json;

    PlainAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** Whether the address is one that programs call: Steward's API, the engine's, or the one Cockpit uses. */
    public static boolean forPrograms(HttpServletRequest request) {
        String path = Paths.of(request);
        return path.startsWith("/api/") || Paths.isEngineRest(request) || path.startsWith("/camunda/api/");
    }

    /** A problem detail for programs, a page for people, as the address says. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        if (forPrograms(request)) {
            problem(response, status, title, detail);
        } else {
            page(request, response, status, title, detail);
        }
    }

    void problem(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        body(response, json.writeValueAsString(problem));
    }

    /** As {@link #page}, for callers that cannot throw: a page that cannot be written is a lost connection. */
    static void pageOrFail(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) {
        try {
            page(request, response, status, title, detail);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A page with Steward's style sheet and nothing else: no script, no inline style. */
    static void page(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        String context = HtmlUtils.htmlEscape(request.getContextPath() == null ? "" : request.getContextPath());
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + HtmlUtils.htmlEscape(title) + " · Steward</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + context + "/css/steward.css\">\n</head>\n<body>\n"
                + "<main id=\"main\">\n<h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                + "<p>" + HtmlUtils.htmlEscape(detail) + "</p>\n"
                + "<p><a href=\"" + context + "/\">Go to the home page</a></p>\n</main>\n</body>\n</html>\n";
        response.setStatus(status.value());
        response.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString());
        body(response, html);
    }

    /**
     * Writes the answer whether or not a page had begun to be written: a template that failed half-way (the database
     * went away while it read) has taken the writer, and then the stream cannot be had.
     */
    private static void body(HttpServletResponse response, String text) throws IOException {
        try {
            response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerTaken) {
            response.getWriter().write(text);
        }
    }
}
