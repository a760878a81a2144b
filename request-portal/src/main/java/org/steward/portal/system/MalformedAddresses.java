package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Addresses Spring Security's firewall will not serve ({@code //engine-rest}, {@code /./}, {@code ;x=}, encoded
 * slashes): a 400 that says so, and one short line in the log instead of a stack trace. The answer is written before
 * any security filter ran, so it brings the headers every answer has itself.
 */
class MalformedAddresses implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedAddresses.class);
    private static final int LOGGED_CHARACTERS = 200;

    private final PlainAnswers answers;

    MalformedAddresses(PlainAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Refused a malformed request ({} {}): {}", request.getMethod(), printable(request.getRequestURI()),
                printable(rejected.getMessage()));
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY);
        response.setHeader(SecurityHeaders.ContentSecurityPolicy.HEADER, SecurityHeaders.CONTENT_SECURITY_POLICY);
        answers.write(request, response, HttpStatus.BAD_REQUEST, "Address not understood",
                "Steward cannot read this address: it has doubled or encoded slashes, dots or semicolons in it. "
                        + "Check the address, or follow a link from Steward's own pages.");
    }

    /** What a client sent, cut short and without line breaks or other control characters, fit for one log line. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() > LOGGED_CHARACTERS ? text.substring(0, LOGGED_CHARACTERS) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
