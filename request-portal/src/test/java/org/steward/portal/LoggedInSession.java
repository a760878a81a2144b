package org.steward.portal;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A browser's session for MockMvc: the session cookie the login answered with, sent with each later request. Sessions
 * live in the database (Spring Session), not in MockMvc's own HttpSession, so the cookie is what carries one.
 */
public record LoggedInSession(Cookie cookie) implements RequestPostProcessor {

    /** The session an answer started (a login through the form, or a redirect carrying a flash message). */
    public static LoggedInSession from(MvcResult login) {
        Cookie cookie = login.getResponse().getCookie("JSESSIONID");
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            throw new AssertionError("No session cookie after the login: "
                    + login.getResponse().getHeaders("Set-Cookie"));
        }
        return new LoggedInSession(new Cookie(cookie.getName(), cookie.getValue()));
    }

    @Override
    public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
        List<Cookie> cookies = new ArrayList<>();
        if (request.getCookies() != null) {
            Arrays.stream(request.getCookies()).filter(c -> !c.getName().equals(cookie.getName())).forEach(cookies::add);
        }
        cookies.add(cookie);
        request.setCookies(cookies.toArray(Cookie[]::new));
        return request;
    }
}
