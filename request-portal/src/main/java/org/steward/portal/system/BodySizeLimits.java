package org.steward.portal.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Answers 413, naming the limit, for a request body over Steward's limits, before anything reads it: JSON bodies of
 * the API (steward.api.max-body-size, 1 MB by default), and the portal's forms with their files (the multipart
 * limits), and whatever is sent to the engine's API (steward.engine-rest.max-body-size, 10 MB by default: a model can
 * be at most 5 MB, and the engine's API would hold any body whole in memory). It runs before Spring Security, which
 * would otherwise find no security token in a form the server stopped reading and answer 403. Camunda's webapps read
 * their small bodies themselves and are left alone.
 */
@Component
@EnableConfigurationProperties(BodySizeSettings.class)
class BodySizeLimits extends OncePerRequestFilter implements Ordered {

    private final long maxJson;
    private final long maxForm;
    private final long maxEngine;
    private final ObjectMapper json;
    private final String errorPath;

    BodySizeLimits(BodySizeSettings settings,
            @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxForm, ObjectMapper json,
            @Value("${server.error.path:/error}") String errorPath) {
        this.errorPath = errorPath;
        this.maxEngine = settings.engineRest().maxBodySize().toBytes();
        this.maxJson = settings.api().maxBodySize().toBytes();
        this.maxForm = maxForm.toBytes();
        this.json = json;
    }

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER - 10;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/camunda") || request.getContentType() == null && !path.startsWith("/engine-rest");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest")) {
            HttpServletRequest whole = engineBody(request, length);
            if (whole == null) {
                refuse(request, response, "The request body is over " + words(maxEngine) + ", the most the engine's"
                        + " API takes in one request (a model file can be at most 5 MB).");
                return;
            }
            chain.doFilter(whole, response);
            return;
        }
        String type = request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            try {
                // Read now, where a file over the limit can still be answered as such.
                request.getParts();
            } catch (IllegalStateException | ServletException | IOException unreadable) {
                if (tooLarge(unreadable)) {
                    refuse(request, response, "The files are too large: each file can be up to 10 MB.");
                    return;
                }
                throw unreadable;
            }
        } else if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                && (length > maxForm || length < 0 && formCutShort(request))) {
            refuse(request, response, "The form is too large: it can be at most " + words(maxForm) + ".");
            return;
        } else if (isJson(type)) {
            if (length > maxJson) {
                refuse(request, response, "The request body is " + words(length) + ": the API takes at most "
                        + words(maxJson) + " of JSON in one request.");
                return;
            }
            request = new Limited(request, maxJson);
        }
        chain.doFilter(request, response);
    }

    /**
     * The engine's API reads a body whole: one that says its length is judged by it; one sent without a length is read
     * here up to the limit and handed on from memory. Null when it is over the limit.
     */
    private HttpServletRequest engineBody(HttpServletRequest request, long length) throws IOException {
        if (length >= 0) {
            return length > maxEngine ? null : request;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxEngine + 1));
        return body.length > maxEngine ? null : new Buffered(request, body);
    }

    /**
     * A form sent without its length is read here: the server stops at its limit and says so only in an attribute;
     * the form's security token, past the limit, would otherwise be missed and the answer a misleading 403.
     */
    private static boolean formCutShort(HttpServletRequest request) {
        request.getParameterMap();
        Object failed = request.getAttribute("org.apache.catalina.parameter_parse_failed_reason");
        return failed != null && failed.toString().contains("TOO_LARGE");
    }

    private static boolean isJson(String type) {
        return type.startsWith(MediaType.APPLICATION_JSON_VALUE) || type.matches("[a-z]+/[^;]*\\+json.*");
    }

    /** Whether a multipart body failed because of a size limit (Tomcat says so only in its messages and causes). */
    private static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException")
                    || t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("exceed")) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/engine-rest")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail
                    + " Nothing was saved.");
            problem.setTitle("Request too large");
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } else {
            // The error page for 413 (templates/error/413.html) names the file limit. Forwarded rather than sent as an
            // error, which Spring Security would check again as a post without its token; a forward it leaves alone.
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.PAYLOAD_TOO_LARGE.value());
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, detail);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            // Tells the dispatcher not to read the multipart body again.
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(-1));
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            try {
                request.getRequestDispatcher(errorPath).forward(request, response);
            } catch (ServletException unrendered) {
                throw new IOException(unrendered);
            }
        }
    }

    static String words(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A body read as a stream without a length given: refused once it passes the limit. */
    static final class TooLarge extends IOException {
        final long limit;

        TooLarge(long limit) {
            super("The request body is larger than " + words(limit) + ".");
            this.limit = limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream body = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int next = body.read();
                        count(next < 0 ? 0 : 1);
                        return next;
                    }

                    @Override
                    public int read(byte[] into, int offset, int length) throws IOException {
                        int n = body.read(into, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) throws TooLarge {
                        read += n;
                        if (read > limit) {
                            throw new TooLarge(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    /** A body already read into memory, handed on as if it came from the connection. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] into, int offset, int length) {
                    return bytes.read(into, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
