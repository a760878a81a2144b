package org.steward.portal.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * What the API cannot bind is refused before any service is asked, as a problem naming what is wrong: JSON that
 * cannot be read, a value of the wrong kind, a body of another type, a method or an address the API does not have.
 */
class ApiBindingSliceTest extends ApiSlice {

    @Test
    void jsonThatCannotBeReadIs400() throws Exception {
        mvc.perform(post("/api/requests").principal(alex()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"Rental"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unreadable request"))
                .andExpect(jsonPath("$.errors.body").value("Not valid JSON."));
    }

    @Test
    void aValueOfTheWrongKindNamesItsFieldAndWhatItTakes() throws Exception {
        mvc.perform(put("/api/requests/DR-2026-0001").principal(alex()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"frequency\": \"SOMETIMES\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.frequency").value(Matchers.startsWith(
                        "This value cannot be read. Use one of:")));
        mvc.perform(get("/api/requests?status=SOMEWHERE").principal(alex()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.status").value(Matchers.startsWith(
                        "\"SOMEWHERE\" is not a valid value. Use one of:")));
    }

    @Test
    void aPageOutsideTheListsLimitsNamesItsParameter() throws Exception {
        mvc.perform(get("/api/requests?size=500").principal(alex()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.size").value("Choose a size from 1 to 200."));
        mvc.perform(get("/api/requests?page=-1").principal(alex()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.page").value("Pages are numbered from 0."));
        mvc.perform(get("/api/requests?sort=sideways").principal(alex()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.sort").value("Sort by one of: newest, oldest, reference, title, status."));
        mvc.perform(get("/api/requests?page=first").principal(alex()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.page").exists());
    }

    @Test
    void aBodyOfAnotherTypeIs415() throws Exception {
        mvc.perform(post("/api/requests").principal(alex()).contentType(MediaType.TEXT_PLAIN).content("a request"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unsupported media type"));
    }

    @Test
    void aMethodTheAddressDoesNotTakeIs405WithAllow() throws Exception {
        mvc.perform(delete("/api/requests").principal(alex()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", Matchers.containsString("POST")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Method not allowed"))
                .andExpect(jsonPath("$.status").value(405));
    }

    @Test
    void anAddressTheApiDoesNotHaveIs404() throws Exception {
        mvc.perform(get("/api/nothing-here").principal(alex()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not found"));
    }
}
