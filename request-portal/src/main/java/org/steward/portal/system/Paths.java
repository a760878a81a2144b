package org.steward.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UrlPathHelper;

/**
 * The address a request is served at, as the server maps it: decoded and without the context path, so that
 * {@code /engine%2Drest/...} is known as the engine's API it reaches.
 */
public final class Paths {

    private static final UrlPathHelper DECODED = new UrlPathHelper();
    /** A path segment that is an action or signing link's word, once decoded: /act/, /%61ct/, /act;x=1/, /SIGN/. */
    private static final Pattern LINK_WORD = Pattern.compile("(?i)(?:^|[/\\\\])(act|sign)(?:[;/\\\\]|$)");
    /** Path parameters, such as ;jsessionid=...: a session id stands for its person like a password. */
    private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");
    private static final Pattern PERCENT_ENCODED = Pattern.compile("%([0-9a-fA-F]{2})");

    private Paths() {
    }

    public static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String mapped = servletPath + pathInfo;
        return mapped.isEmpty() ? DECODED.getPathWithinApplication(request) : mapped;
    }

    /**
     * An address as it may be logged: the token of an action or signing link stands for its person until used, so
     * all that follows the link's word is replaced by "(token)", however the word is spelt ({@code /%61ct/},
     * {@code /act/./}, {@code /act;x=1/}); a path parameter's value (a session id) is left out too. Otherwise the
     * address as sent, not decoded, so that what the log shows is what came in.
     */
    static String forLog(String requestUri) {
        if (requestUri == null) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (String segment : requestUri.split("/", -1)) {
            Matcher link = LINK_WORD.matcher(decoded(segment));
            if (link.find()) {
                return String.join("/", shown) + "/" + link.group(1).toLowerCase(Locale.ROOT) + "/(token)";
            }
            shown.add(PATH_PARAMETERS.matcher(segment).replaceAll(";…"));
        }
        return String.join("/", shown);
    }

    /** Percent-decoded again and again (as proxies and mail scanners may encode twice), for looking, not logging. */
    private static String decoded(String text) {
        String decoded = text;
        for (int round = 0; round < 5 && decoded.indexOf('%') >= 0; round++) {
            String next = PERCENT_ENCODED.matcher(decoded).replaceAll(
                    hex -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(hex.group(1), 16))));
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        return decoded;
    }

    static boolean isEngineRest(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/engine-rest") || path.startsWith("/engine-rest/");
    }

    static boolean isCamundaWebapps(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/camunda") || path.startsWith("/camunda/");
    }
}
