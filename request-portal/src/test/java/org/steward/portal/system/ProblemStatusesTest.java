package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;

/**
 * The same refusal has the same status on a page, on the API and on the engine's API: one table (ApiProblems'
 * statusOf) for all three, with no Spring and no engine needed to check it.
 */
class ProblemStatusesTest {

    private static final Map<Kind, HttpStatus> PROMISED = Map.of(Kind.INVALID, HttpStatus.BAD_REQUEST,
            Kind.NOT_FOUND, HttpStatus.NOT_FOUND, Kind.FORBIDDEN, HttpStatus.FORBIDDEN, Kind.CONFLICT,
            HttpStatus.CONFLICT, Kind.MISCONFIGURED, HttpStatus.INTERNAL_SERVER_ERROR);

    @Test
    void everyKindHasOneStatusOnPagesTheApiAndTheEngineApi() {
        assertThat(PROMISED).hasSize(Kind.values().length);
        for (Kind kind : Kind.values()) {
            StewardProblem problem = new StewardProblem(kind, "Request DR-2026-0001 was withdrawn.",
                    kind == Kind.INVALID ? Map.of("title", "Give the request a title.") : Map.of());
            HttpStatus status = PROMISED.get(kind);

            ModelAndView page = new PageProblems().refused(problem);
            assertThat(page.getStatus()).as("the page for %s", kind).isEqualTo(status);
            assertThat(ApiProblems.detailOf(problem).getStatus()).as("the API for %s", kind).isEqualTo(status.value());
            assertThat(new EngineApiProblems.Mapper().toResponse(problem).getStatus()).as("the engine's API for %s",
                    kind).isEqualTo(status.value());
        }
    }

    @Test
    void aPageSaysWhyInPlainWords() {
        ModelAndView conflict = new PageProblems().refused(new StewardProblem(Kind.CONFLICT,
                "The task was already completed by Fiona Fischer (fiona)."));
        assertThat(conflict.getViewName()).isEqualTo(PageProblems.PROBLEM_VIEW);
        assertThat(conflict.getModel()).containsEntry("heading", "This cannot be done now")
                .containsEntry("detail", "The task was already completed by Fiona Fischer (fiona).");

        ModelAndView invalid = new PageProblems().refused(StewardProblem.invalid(Map.of("from",
                "\"31/01/2026\" is not a date we can read.")));
        assertThat(invalid.getModel()).containsEntry("detail", "\"31/01/2026\" is not a date we can read.");

        ModelAndView forbidden = new PageProblems().refused(new StewardProblem(Kind.FORBIDDEN,
                "Only the requester may withdraw a request."));
        assertThat(forbidden.getViewName()).isEqualTo("error/403");
        assertThat(forbidden.getModel()).containsEntry("message", "Only the requester may withdraw a request.");
        assertThat(new PageProblems().refused(StewardProblem.notFound("Request DR-2026-9999")).getViewName())
                .isEqualTo("error/404");
    }
}
