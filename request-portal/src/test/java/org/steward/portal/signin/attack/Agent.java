package org.steward.portal.signin.attack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as cookies and redirects go, with nothing automatic: a cookie jar per host (ports aside, as
 * browsers do), no redirect followed unless asked, every header the test wants.
 */
final class Agent {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Map<String, String>> jar = new ConcurrentHashMap<>();

    record Answer(int status, String body, java.net.http.HttpHeaders headers, URI uri) {

        String location() {
            String location = headers.firstValue("Location").orElse(null);
            return location == null ? null : uri.resolve(location).toString();
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        String csrf() {
            Matcher found = CSRF.matcher(body);
            if (!found.find()) {
                throw new AssertionError("no _csrf field on " + uri + " (" + status + "):\n" + body);
            }
            return found.group(1).replace("&#45;", "-").replace("&#x2d;", "-");
        }

        @Override
        public String toString() {
            return status + " " + uri + (location() == null ? "" : " -> " + location()) + "\n"
                    + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    Answer get(String url, String... headers) {
        return send("GET", url, null, null, headers);
    }

    Answer post(String url, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", url, body, "application/x-www-form-urlencoded", headers);
    }

    Answer json(String method, String url, String body, String... headers) {
        return send(method, url, body, "application/json", headers);
    }

    Answer send(String method, String url, String body, String contentType, String... headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        boolean accept = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            accept |= headers[i].equalsIgnoreCase("Accept");
        }
        if (!accept) {
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        String cookies = cookieHeader(uri.getHost());
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            keep(uri.getHost(), response.headers().allValues("Set-Cookie"));
            return new Answer(response.statusCode(), response.body(), response.headers(), uri);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        }
    }

    /** Follows redirects by GET (as a browser does after 302/303) until an answer that is not one; all answers. */
    List<Answer> follow(Answer from, int max) {
        List<Answer> chain = new ArrayList<>();
        Answer at = from;
        chain.add(at);
        for (int i = 0; i < max && at.location() != null && at.status() / 100 == 3; i++) {
            at = get(at.location());
            chain.add(at);
        }
        return chain;
    }

    String cookie(String host, String name) {
        return jar.getOrDefault(host, Map.of()).get(name);
    }

    void setCookie(String host, String name, String value) {
        jar.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, value);
    }

    void forgetCookies(String host) {
        jar.remove(host);
    }

    private String cookieHeader(String host) {
        return jar.getOrDefault(host, Map.of()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private void keep(String host, List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            String lower = header.toLowerCase();
            Map<String, String> cookies = jar.computeIfAbsent(host, h -> new LinkedHashMap<>());
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A query parameter of a URL, decoded. */
    static String parameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The URL with one query parameter's value replaced. */
    static String withParameter(String url, String name, String value) {
        return url.replaceAll("([?&]" + Pattern.quote(name) + "=)[^&]*", "$1" + Matcher.quoteReplacement(enc(value)));
    }
}
