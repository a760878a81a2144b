package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The new-request form through the real server, as a browser sends it: multipart with the page's CSRF token among
 * its parts, and files larger than the form accepts still answered on the form, in words.
 */
class RequestFormOverHttpTest extends RequestPageSupport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void aLoggedInBrowserSubmitsTheFormWithAFileAndItsToken() throws Exception {
        String user = newPerson("browser", "staff-cd");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        logIn(browser, user);
        String token = token(send(browser, HttpRequest.newBuilder(uri("/requests/new")).GET()).body());

        Multipart withoutToken = filled("Sent without a token").file("plan.pdf", "application/pdf", pdfBytes(100));
        assertThat(send(browser, withoutToken.post(uri("/requests/new"))).statusCode()).isEqualTo(403);

        Multipart tooLarge = filled("With a 12 MB scan").field("_csrf", token)
                .file("scan.pdf", "application/pdf", pdfBytes(12 * 1024 * 1024));
        HttpResponse<String> refused = send(browser, tooLarge.post(uri("/requests/new")));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("\u201cscan.pdf\u201d is 12.0 MB: files can be up to 10 MB each.")
                .contains("value=\"With a 12 MB scan\"");

        Multipart complete = filled("Sent by a browser").field("_csrf", token)
                .file("plan.pdf", "application/pdf", pdfBytes(2 * 1024 * 1024));
        HttpResponse<String> sent = send(browser, complete.post(uri("/requests/new")));
        assertThat(sent.statusCode()).isEqualTo(302);
        String reference = sent.headers().firstValue("Location").orElseThrow().replaceAll(".*/requests/", "");
        assertThat(reference).matches("DR-\\d{4}-\\d{4}");
        assertThat(request(user, reference).at("/request/title").asText()).isEqualTo("Sent by a browser");
        assertThat(total(user, "/api/requests")).isEqualTo(1);
    }

    private Multipart filled(String title) {
        Multipart form = new Multipart();
        answers(title).forEach(form::field);
        return form.field("datasets", "PW-STREET-CENTERLINES").field("action", "submit");
    }

    private void logIn(HttpClient browser, String user) {
        String token = token(send(browser, HttpRequest.newBuilder(uri("/login")).GET()).body());
        String fields = Map.of("username", user, "password", "demo", "_csrf", token).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElseThrow();
        HttpResponse<String> login = send(browser, HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String token(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("the page carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private static byte[] pdfBytes(int size) {
        byte[] bytes = new byte[size];
        byte[] start = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, bytes, 0, start.length);
        return bytes;
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) {
        try {
            return browser.send(request.header("Accept", "text/html").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception failed) {
            throw new AssertionError("The request failed: " + failed, failed);
        }
    }

    /** A multipart/form-data body, as a browser builds it from a form with a file input. */
    private static final class Multipart {
        private final String boundary = "----steward" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
            return this;
        }

        Multipart file(String name, String type, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        HttpRequest.Builder post(URI uri) {
            ByteArrayOutputStream done = new ByteArrayOutputStream();
            done.writeBytes(body.toByteArray());
            done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(done.toByteArray()));
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
