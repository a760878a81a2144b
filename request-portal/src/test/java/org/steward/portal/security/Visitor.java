package org.steward.portal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as an attacker or a careful tester drives it: keeps the cookies it is given, follows no redirects, and
 * sends exactly the headers it is told (an Origin, a Referer, credentials or none).
 */
final class Visitor {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final int port;
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    Visitor(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The address pages of this server come from, as a browser writes it in {@code Origin}. */
    String origin() {
        return base;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Sends a request with the body and headers given ({@code name, value, name, value…}). */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fills in the login form as a person does, with any extra headers on both steps; answers the form's answer. */
    HttpResponse<String> logIn(String user, String password, String... headers) {
        HttpResponse<String> form = get("/login", with(headers, "Accept", "text/html"));
        if (form.statusCode() != 200) {
            throw new AssertionError("The login page answered " + form.statusCode());
        }
        return send("POST", "/login", form(Map.of("username", user, "password", password, "_csrf", csrf(form.body()))),
                with(headers, "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    /** Logs in and checks that it worked. */
    Visitor loggedInAs(String user) {
        HttpResponse<String> answer = logIn(user, "demo");
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("Login of " + user + " failed: " + answer.statusCode() + " " + location);
        }
        return this;
    }

    /** The CSRF token of a page the server sent. */
    static String csrf(String page) {
        Matcher input = CSRF_INPUT.matcher(page);
        if (!input.find()) {
            throw new AssertionError("The page has no hidden _csrf input:\n" + page);
        }
        Matcher value = VALUE.matcher(input.group());
        if (!value.find()) {
            throw new AssertionError("The _csrf input has no value: " + input.group());
        }
        return value.group(1);
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the server set a cookie on this answer. */
    static boolean setsCookie(HttpResponse<?> answer) {
        return answer.headers().firstValue("Set-Cookie").isPresent();
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /** One answer read off a raw socket: the status line's code, the headers as sent, and the body. */
    record RawAnswer(int status, List<String> headerLines, String body) {

        String header(String name) {
            return headerLines.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
        }
    }

    /**
     * Sends the request line exactly as written, which no HTTP client library does for addresses like
     * {@code //engine-rest/task} or {@code /./}: they tidy them first.
     */
    RawAnswer raw(String method, String target, String... headers) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            List<String> lines = List.of(text.substring(0, end < 0 ? text.length() : end).split("\r\n"));
            int status = Integer.parseInt(lines.get(0).split(" ")[1]);
            return new RawAnswer(status, lines.subList(1, lines.size()), end < 0 ? "" : text.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
