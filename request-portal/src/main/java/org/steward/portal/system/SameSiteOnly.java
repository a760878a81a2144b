package org.steward.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every call that may change something (anything but GET, HEAD, OPTIONS and TRACE) when the browser says it
 * comes from a page of another site: its {@code Origin}, or without one its {@code Referer}, names another site than
 * the one serving Steward. A browser sends those headers itself and no page can forge them, so a page elsewhere cannot
 * act through a person's login, be it a session cookie or HTTP Basic credentials the browser remembers. Programs such
 * as curl or the Camunda Modeler send neither header and are let through.
 */
class SameSiteOnly extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final PlainAnswers answers;
    private final Optional<Origin> configured;

    /** @param baseUrl {@code steward.base-url}, the address people reach Steward at; blank when not set */
    SameSiteOnly(PlainAnswers answers, String baseUrl) {
        this.answers = answers;
        this.configured = baseUrl == null || baseUrl.isBlank() ? Optional.empty() : Origin.parse(baseUrl.strip());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || fromThisSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        answers.write(request, response, HttpStatus.FORBIDDEN, "Sent from another site",
                "Steward refused this because it was sent from a page of another website, not from Steward's own "
                        + "pages. Nothing was changed. If you meant to do this, open Steward itself and do it there.");
    }

    private boolean fromThisSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null || source.isBlank()) {
            return true;
        }
        // "null" is what a browser sends for a sandboxed frame, a data: page or a redirect across sites.
        Optional<Origin> from = Origin.parse(source.strip());
        if (from.isEmpty()) {
            return false;
        }
        return from.get().equals(Origin.of(request)) || configured.map(from.get()::equals).orElse(false);
    }

    /** Scheme, host and port, as browsers compare them; the port is spelled out even when it is the default. */
    record Origin(String scheme, String host, int port) {

        static Origin of(HttpServletRequest request) {
            // Behind a proxy these are the proxy's X-Forwarded-* values, but only when server.forward-headers-strategy
            // says to trust them.
            return new Origin(request.getScheme().toLowerCase(Locale.ROOT),
                    request.getServerName().toLowerCase(Locale.ROOT), request.getServerPort());
        }

        static Optional<Origin> parse(String text) {
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    return Optional.empty();
                }
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                int port = uri.getPort() != -1 ? uri.getPort()
                        : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                return Optional.of(new Origin(scheme, host, port));
            } catch (Exception unreadable) {
                return Optional.empty();
            }
        }
    }
}
