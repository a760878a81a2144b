package org.steward.portal.security.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One visitor of the running portal over real HTTP, as the suite's cells need them: a person's browser (logged in
 * through the login form, its cookies kept by hand whatever their flags, redirects not followed), an API client with
 * HTTP Basic and no cookies, or nobody at all. Every answer is kept whole: status, headers, body.
 */
final class Client {

    private static final Pattern CSRF_META = Pattern.compile("<meta[^>]*name=\"_csrf\"[^>]*content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** How the visitor proves who they are. */
    enum Kind { NOBODY, SESSION, BASIC }

    private final String base;
    private final Kind kind;
    private final String user;
    private final String password;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private Client(int port, Kind kind, String user, String password) {
        this.base = "http://localhost:" + port;
        this.kind = kind;
        this.user = user;
        this.password = password;
    }

    /** Nobody logged in, but with a browser's cookies (an anonymous session, for its CSRF token). */
    static Client nobody(int port) {
        return new Client(port, Kind.NOBODY, null, null);
    }

    /** An API client: HTTP Basic on every call, no cookies kept. */
    static Client basic(int port, String user) {
        return basic(port, user, "demo");
    }

    static Client basic(int port, String user, String password) {
        return new Client(port, Kind.BASIC, user, password);
    }

    /** A browser logged in through the login form; fails unless the form answers with a redirect away from it. */
    static Client loggedIn(int port, String user) {
        return loggedIn(port, user, "demo");
    }

    static Client loggedIn(int port, String user, String password) {
        Client browser = new Client(port, Kind.SESSION, user, password);
        Reply form = browser.get("/login");
        Reply done = browser.send("POST", "/login", Body.form(Map.of("username", user, "password", password,
                "_csrf", csrfOf(form.text()))), Map.of());
        if (done.status() != 302 || done.location().contains("error")) {
            throw new AssertionError("Login of " + user + " answered " + done.status() + " " + done.location());
        }
        return browser;
    }

    /** This browser's cookies as it would send them, or an empty string. */
    String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** A cookie this browser holds, or null. */
    String cookie(String name) {
        return cookies.get(name);
    }

    /** A valid CSRF token of this browser's session, read from a page it may open (the login page for nobody). */
    String csrf() {
        Reply page = get(kind == Kind.SESSION ? "/" : "/login");
        return csrfOf(page.text());
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    Reply send(String method, String path, Body body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        boolean accepts = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Accept"));
        if (!accepts) {
            request.header("Accept", path.startsWith("/api/") || path.startsWith("/engine-rest")
                    ? "application/json, application/problem+json" : "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        headers.forEach(request::header);
        boolean origin = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Origin"));
        if (kind != Kind.BASIC && !origin && !method.equals("GET") && !method.equals("HEAD")) {
            // A browser names the page's origin on every state change it sends.
            request.header("Origin", base);
        }
        if (kind == Kind.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (kind != Kind.BASIC && !cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body.contentType());
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (kind != Kind.BASIC) {
                keep(response.headers());
            }
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keep(HttpHeaders headers) {
        for (String setCookie : headers.allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    static String csrfOf(String html) {
        Matcher meta = CSRF_META.matcher(html);
        if (meta.find()) {
            return meta.group(1);
        }
        Matcher input = CSRF_INPUT.matcher(html);
        if (input.find()) {
            return input.group(1);
        }
        throw new AssertionError("No CSRF token on the page:\n" + html.substring(0, Math.min(html.length(), 2000)));
    }

    /** An answer as the visitor got it. */
    record Reply(int status, HttpHeaders headers, byte[] bytes) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String location() {
            return headers.firstValue("Location").orElse("");
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** A request body and its content type. */
    record Body(String contentType, byte[] bytes) {

        static Body json(String json) {
            return new Body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** Form fields, a name repeated for several values (one entry per value). */
        static Body form(Map<String, String> fields) {
            return form(fields.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        }

        static Body form(List<List<String>> pairs) {
            String encoded = pairs.stream().map(p -> URLEncoder.encode(p.get(0), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(p.get(1), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return new Body("application/x-www-form-urlencoded", encoded.getBytes(StandardCharsets.UTF_8));
        }

        /** A multipart form as a browser sends it: the fields, then the files. */
        static Body multipart(List<List<String>> fields, List<FilePart> files) {
            String boundary = "----suite" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (List<String> field : fields) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.get(0)
                            + "\"\r\n\r\n" + field.get(1) + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                for (FilePart file : files) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
                            + "\"; filename=\"" + file.name().replace("\"", "%22") + "\"\r\nContent-Type: "
                            + file.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(file.bytes());
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }

        /** The same body with one more form field (for the CSRF token); a JSON body stays as it is. */
        Body with(String name, String value) {
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                String more = (bytes.length == 0 ? "" : "&") + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8);
                byte[] joined = new byte[bytes.length + more.length()];
                System.arraycopy(bytes, 0, joined, 0, bytes.length);
                System.arraycopy(more.getBytes(StandardCharsets.UTF_8), 0, joined, bytes.length, more.length());
                return new Body(contentType, joined);
            }
            if (contentType.startsWith("multipart/form-data")) {
                String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
                String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                        + value + "\r\n";
                byte[] head = part.getBytes(StandardCharsets.UTF_8);
                byte[] joined = new byte[head.length + bytes.length];
                System.arraycopy(head, 0, joined, 0, head.length);
                System.arraycopy(bytes, 0, joined, head.length, bytes.length);
                return new Body(contentType, joined);
            }
            return this;
        }
    }

    /** A file of a multipart form. */
    record FilePart(String field, String name, String type, byte[] bytes) {
    }

    /** Pairs of names and values, in order, for forms with repeated names. */
    static List<List<String>> pairs(String... namesAndValues) {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            pairs.add(List.of(namesAndValues[i], namesAndValues[i + 1]));
        }
        return pairs;
    }
}
