package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * The headers on every answer of Steward's own: a Content-Security-Policy that lets a page run only Steward's own
 * script and style files (nothing inline), and frame only Steward; no referrer sent to other sites; no camera,
 * microphone, location or payment; no content sniffing. Camunda's webapps under {@code /camunda} keep the policy
 * Camunda sets for them.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            // bpmn-js's style sheet draws a few icons as data: images.
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            // The mailbox shows an email's HTML in a sandboxed frame of Steward's own.
            + "frame-src 'self'; frame-ancestors 'self'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";

    /**
     * Swagger UI's own pages ({@code /swagger-ui/}): the same policy, but its bundle adds a style element of its own
     * as it draws, so inline style is allowed there, and there only; script stays Steward's own files.
     */
    static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-inline';");

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
            + "display-capture=()";

    private SecurityHeaders() {
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> all() {
        return all("");
    }

    /**
     * As above; {@code signOutOrigin}, when not blank, is where a sign-out form may lead besides Steward (the city's
     * provider, whose RP-initiated logout a browser would otherwise refuse to follow from the form).
     */
    static Customizer<HeadersConfigurer<HttpSecurity>> all(String signOutOrigin) {
        return headers -> headers
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.sameOrigin())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                .addHeaderWriter(new ContentSecurityPolicy(signOutOrigin == null || signOutOrigin.isBlank()
                        ? CONTENT_SECURITY_POLICY
                        : CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + signOutOrigin)));
    }

    /**
     * Every answer but Camunda's webapps; an answer that brings a policy of its own keeps it (the mailbox's email
     * frame: a sandbox, X-Frame-Options keeping it inside Steward's pages).
     */
    static final class ContentSecurityPolicy implements HeaderWriter {

        static final String HEADER = "Content-Security-Policy";

        private final String policy;

        ContentSecurityPolicy(String policy) {
            this.policy = policy;
        }

        @Override
        public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
            if (!Paths.isCamundaWebapps(request) && !response.containsHeader(HEADER)) {
                response.setHeader(HEADER, Paths.of(request).startsWith("/swagger-ui/") ? SWAGGER_UI_POLICY
                        : policy);
            }
        }
    }
}
