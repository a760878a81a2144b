package org.steward.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.steward.portal.IntegrationTest;

/**
 * Through the whole stack, what no controller answers under /api is a problem too: a method the address does not
 * take (405, with Allow), an address that names nothing (404), a body of another type (415), JSON that cannot be read
 * (400); and the same refusal gives the same status on the API and on a page.
 */
class ApiProblemsTest extends IntegrationTest {

    @Test
    void aMethodTheAddressDoesNotTakeIsAProblemWithAllow() {
        Answer answer = call("alex", HttpMethod.DELETE, "/api/datasets", null);
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.headers().getAllow()).contains(HttpMethod.GET);
        assertThat(answer.body().get("title").asText()).isEqualTo("Method not allowed");
        assertThat(answer.body().get("status").asInt()).isEqualTo(405);
    }

    @Test
    void anAddressThatNamesNothingIsAProblem() {
        Answer answer = call("alex", HttpMethod.GET, "/api/nothing-here", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.body().get("title").asText()).isEqualTo("Not found");
    }

    @Test
    void aBodyThatIsNotJsonIsAProblem() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("alex", "demo");
        headers.setContentType(MediaType.TEXT_PLAIN);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> answer = http.exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>("a request, please", headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(415);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.getBody()).contains("Content-Type: application/json");
    }

    @Test
    void unreadableJsonAndValuesNameWhatCannotBeRead() {
        Answer broken = call("alex", HttpMethod.POST, "/api/requests", "{\"title\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(broken.body().get("errors").has("body")).isTrue();

        Answer status = get("alex", "/api/requests?status=SOMEWHERE");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(status.body().get("errors").get("status").asText()).contains("\"SOMEWHERE\" is not a valid value")
                .contains("Use one of:");
    }

    @Test
    void badInputNamesEveryField() {
        Map<String, Object> body = requestBody("");
        body.put("purpose", "");
        Answer answer = post("alex", "/api/requests", body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors").has("title")).isTrue();
        assertThat(answer.body().get("errors").has("purpose")).isTrue();
    }
}
