package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Addresses Spring Security's firewall will not serve ({@code //engine-rest}, {@code /./}, {@code ;x=}, encoded
 * slashes), and addresses that spell a plain letter, digit or {@code - . _ ~} in percent-encoding ({@code
 * /engine%2Drest}): a 400 that says so, and one short line in the log instead of a stack trace. The check runs before
 * anything else reads the address (Spring Security itself parses it before its firewall looks, and fails on the
 * engine's API with a 500), so the answer brings the headers every answer has itself.
 */
class MalformedAddresses extends OncePerRequestFilter implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedAddresses.class);
    private static final int LOGGED_CHARACTERS = 200;
    /** A percent-encoded letter, digit, hyphen, dot, underscore or tilde: nobody's link spells these so. */
    private static final Pattern ENCODED_UNRESERVED =
            Pattern.compile("%(?i:[46][1-9a-f]|[57][0-9a]|3[0-9]|2d|2e|5f|7e)");

    private final PlainAnswers answers;
    private final HttpFirewall firewall;

    MalformedAddresses(PlainAnswers answers, HttpFirewall firewall) {
        this.answers = answers;
        this.firewall = firewall;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
            handle(request, response, rejected);
            return;
        }
        String uri = request.getRequestURI();
        if (uri != null && ENCODED_UNRESERVED.matcher(uri).find()) {
            handle(request, response, new RequestRejectedException("The request was rejected because the URL "
                    + "percent-encodes a character that needs no encoding"));
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Refused a malformed request ({} {}): {}", request.getMethod(),
                printable(Paths.forLog(request.getRequestURI())),
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
                "Steward cannot read this address: it has doubled slashes, dots or semicolons in it, or characters "
                        + "written in a code they need not be. Check the address, or follow a link from Steward's own "
                        + "pages.");
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
