package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.steward.portal.IntegrationTest;

/**
 * Addresses nobody's link has: doubled slashes, dot segments, path parameters, encoded slashes and dots. Each is a 400
 * that says so (a problem for the API and the engine's API, a page otherwise), with one short line in the log at most
 * and never a stack trace; a number that is not a number in a page's address names nothing there, a 404.
 */
class MalformedAddressesTest extends IntegrationTest {

    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void listenToTheLog() {
        log = new ListAppender<>();
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(log);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"//engine-rest/task", "/engine-rest//task", "/./engine-rest/task", "/engine-rest/./task",
        "/;x=/engine-rest/task", "/engine-rest;x=y/task", "/api/../engine-rest/task", "//api/requests",
        "/api/requests/%2e%2e/datasets", "/api/requests/%2F", "/api/requests%5Cx", "/api/%25"})
    void aMalformedAddressForProgramsIsAProblem(String target) throws Exception {
        Visitor.RawAnswer answer = new Visitor(port).raw("GET", target, "Authorization",
                Visitor.basic("admin", "demo"), "Accept", "application/json");

        assertThat(answer.status()).as(target + "\n" + answer.body()).isEqualTo(400);
        if (answer.header("Content-Type") != null && answer.header("Content-Type").startsWith("application/problem")) {
            assertThat(answer.body()).contains("cannot read this address");
        }
        assertQuietLog(target);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"//requests", "/./requests", "/requests/./x", "/;x=/requests", "/requests;jsessionid=abc",
        "/requests/%2e%2e/tasks", "/requests%2F..%2Ftasks", "/%2e/", "/requests/%5C", "/css//steward.css"})
    void aMalformedPageAddressIsAPlainPage(String target) {
        Visitor.RawAnswer answer = new Visitor(port).raw("GET", target, "Authorization",
                Visitor.basic("alex", "demo"), "Accept", "text/html");

        assertThat(answer.status()).as(target + "\n" + answer.body()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertQuietLog(target);
    }

    @Test
    void theFirewallsAnswersSayWhatIsWrongInPlainWords() throws Exception {
        Visitor.RawAnswer api = new Visitor(port).raw("GET", "//engine-rest/task", "Authorization",
                Visitor.basic("admin", "demo"));
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json.readTree(api.body().substring(api.body().indexOf('{'), api.body().lastIndexOf('}') + 1))
                .path("detail").asText()).contains("cannot read this address");

        Visitor.RawAnswer page = new Visitor(port).raw("GET", "/./requests", "Accept", "text/html");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Address not understood</h1>").contains("cannot read this address");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void anEmailNumberThatIsNoNumberIsNotFound() {
        Visitor.RawAnswer mailbox = new Visitor(port).raw("GET", "/dev/mailbox/abc", "Authorization",
                Visitor.basic("admin", "demo"), "Accept", "text/html");
        assertThat(mailbox.status()).isEqualTo(404);
        assertThat(mailbox.body()).contains("Not found");
        assertThat(new Visitor(port).raw("GET", "/dev/mailbox/abc/html", "Authorization",
                Visitor.basic("admin", "demo")).status()).isEqualTo(404);
        assertQuietLog("/dev/mailbox/abc");
    }

    /**
     * At most one line about the request, none with a stack trace, none at error level. Only the server's request
     * threads count: the mail sender and the like log on their own threads whenever they have something to say.
     */
    private void assertQuietLog(String target) {
        List<ILoggingEvent> lines = log.list.stream().filter(line -> line.getThreadName().contains("-exec-")).toList();
        assertThat(lines).as("log lines for %s: %s", target, lines).hasSizeLessThanOrEqualTo(1);
        for (ILoggingEvent line : lines) {
            assertThat(line.getThrowableProxy()).as("a stack trace for %s: %s", target, line).isNull();
            assertThat(line.getLevel().toString()).as(target).isNotEqualTo("ERROR");
            assertThat(line.getFormattedMessage()).as(target).doesNotContain("\n").hasSizeLessThan(400);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
