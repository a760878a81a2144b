package org.steward.portal.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.problem.StewardProblem.Kind;

/** Each kind of refusal a service gives answers its one status as a problem in plain words, on every API call. */
class ApiRefusalsSliceTest extends ApiSlice {

    private static final String REQUEST = """
            {"title": "Rental occupancy", "purpose": "The 2027 housing plan"}""";

    @Test
    void badInputIs400NamingEveryField() throws Exception {
        given(requests.submit(any(), any(), anyString(), any())).willThrow(StewardProblem.invalid(Map.of(
                "title", "Give the request a title.", "purpose", "Say what the data is for.")));
        mvc.perform(post("/api/requests").principal(alex()).contentType(MediaType.APPLICATION_JSON).content(REQUEST))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Some fields need attention"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.title").value("Give the request a title."))
                .andExpect(jsonPath("$.errors.purpose").value("Say what the data is for."));
    }

    @Test
    void somethingNotThereOrNotVisibleIs404() throws Exception {
        given(requests.visible(any(), eq("DR-2026-9999"))).willThrow(StewardProblem.notFound("Request DR-2026-9999"));
        mvc.perform(get("/api/requests/DR-2026-9999").principal(alex()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("Request DR-2026-9999 does not exist, or you may not see it."));
    }

    @Test
    void notYoursToDoIs403() throws Exception {
        given(requests.withdraw(any(), eq("DR-2026-0001"), any(), anyString())).willThrow(
                new StewardProblem(Kind.FORBIDDEN, "Only the requester may withdraw a request."));
        mvc.perform(post("/api/requests/DR-2026-0001/withdraw").principal(alex()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not yours to do"))
                .andExpect(jsonPath("$.detail").value("Only the requester may withdraw a request."));
    }

    @Test
    void notPossibleNowIs409() throws Exception {
        given(requests.revise(any(), eq("DR-2026-0001"), any(), anyString())).willThrow(new StewardProblem(
                Kind.CONFLICT, "Request DR-2026-0001 can be revised only while changes are requested."));
        mvc.perform(put("/api/requests/DR-2026-0001").principal(alex()).contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Cannot be done now"))
                .andExpect(jsonPath("$.detail").value(
                        "Request DR-2026-0001 can be revised only while changes are requested."));
    }

    @Test
    void aSetUpThatKeepsItFromWorkingIs500InPlainWords() throws Exception {
        given(requests.visible(any(), eq("DR-2026-0002"))).willThrow(new StewardProblem(Kind.MISCONFIGURED,
                "No department steward group is set up for Public Works."));
        mvc.perform(get("/api/requests/DR-2026-0002").principal(alex()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.title").value("Steward is not set up for this"));
    }

    @Test
    void anythingUnforeseenIs500SayingNothingWasSaved() throws Exception {
        given(requests.visible(any(), eq("DR-2026-0003"))).willThrow(new IllegalStateException("a bug"));
        mvc.perform(get("/api/requests/DR-2026-0003").principal(alex()))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unexpected error"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was saved")));
    }
}
