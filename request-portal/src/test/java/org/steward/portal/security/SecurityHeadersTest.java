package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;


import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.portal.IntegrationTest;

/**
 * Every page and API answer a person can open carries Steward's security headers: the Content-Security-Policy (no
 * inline script or style, framed only by Steward), Referrer-Policy, Permissions-Policy, nosniff and X-Frame-Options.
 * The addresses come from the application's own mappings, so a new page is checked without anyone listing it; Camunda's
 * webapps keep their own policy. And the session cookie is HttpOnly, SameSite=Lax, and Secure over TLS.
 */
class SecurityHeadersTest extends IntegrationTest {

    private static final List<String> ROLES = List.of("alex", "sam", "wes", "audrey", "admin");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private RepositoryService repository;

    @Test
    void everyPageAndApiAnswerOfEveryRoleCarriesTheHeaders() throws Exception {
        Map<String, String> values = realValues();
        List<String> paths = new ArrayList<>();
        for (String pattern : getMappings()) {
            paths.add(fill(pattern, values));
        }
        paths.addAll(List.of("/no/such/page", "/engine-rest/engine", "/css/steward.css", "/js/steward.js"));
        assertThat(paths).hasSizeGreaterThan(40);

        Map<String, Visitor> browsers = new LinkedHashMap<>();
        ROLES.forEach(user -> browsers.put(user, new Visitor(port)));
        Visitor anonymous = new Visitor(port);
        int checked = 0;
        for (String path : paths) {
            String accept = path.startsWith("/api/") ? "application/json" : "text/html";
            for (String user : ROLES) {
                HttpResponse<String> answer = browsers.get(user).get(path, "Authorization",
                        Visitor.basic(user, "demo"), "Accept", accept);
                assertSecurityHeaders(user + " GET " + path + " (" + answer.statusCode() + ")", answer);
                checked++;
            }
            HttpResponse<String> nobody = anonymous.get(path, "Accept", accept);
            assertSecurityHeaders("anonymous GET " + path + " (" + nobody.statusCode() + ")", nobody);
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void theMailboxFrameKeepsItsOwnSandboxAndIsFramedOnlyBySteward() {
        String id = firstEmailId();
        Visitor admin = new Visitor(port).loggedInAs("admin");

        HttpResponse<String> page = admin.get("/dev/mailbox/" + id, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-src 'self'")
                .contains("frame-ancestors 'self'");

        HttpResponse<String> frame = admin.get("/dev/mailbox/" + id + "/html", "Accept", "text/html");
        assertThat(frame.statusCode()).isEqualTo(200);
        String policy = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("sandbox ").contains("default-src 'none'").doesNotContain("script-src");
        assertThat(frame.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
    }

    @Test
    void camundasWebappsKeepTheirOwnPolicy() {
        Visitor admin = new Visitor(port).loggedInAs("admin");
        HttpResponse<String> cockpit = admin.get("/camunda/app/cockpit/default/", "Accept", "text/html");
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.headers().allValues("Content-Security-Policy"))
                .noneMatch(SecurityHeadersTest::isStewardsPolicy);
        assertThat(cockpit.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureOverTls() {
        HttpResponse<String> plain = new Visitor(port).logIn("alex", "demo");
        assertThat(plain.statusCode()).isEqualTo(302);
        String cookie = sessionCookie(plain);
        assertThat(attributes(cookie)).contains("httponly", "samesite=lax").doesNotContain("secure");

        // Behind a proxy that ended TLS (the tests trust X-Forwarded-Proto from 127.0.0.1, as
        // server.forward-headers-strategy=native does): the cookie is marked Secure, so the test's client, talking
        // plain http to the server itself, sends it back by hand as the proxy would.
        Visitor behindProxy = new Visitor(port);
        HttpResponse<String> form = behindProxy.get("/login", "X-Forwarded-Proto", "https", "Accept", "text/html");
        String before = sessionCookie(form);
        assertThat(attributes(before)).contains("httponly", "samesite=lax", "secure");
        HttpResponse<String> overTls = behindProxy.send("POST", "/login", Visitor.form(Map.of("username", "alex",
                "password", "demo", "_csrf", Visitor.csrf(form.body()))), "X-Forwarded-Proto", "https",
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", before.substring(0, before.indexOf(';')));
        assertThat(overTls.statusCode()).isEqualTo(302);
        assertThat(overTls.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String renewed = sessionCookie(overTls);
        assertThat(renewed.substring(0, renewed.indexOf(';'))).isNotEqualTo(before.substring(0, before.indexOf(';')));
        assertThat(attributes(renewed)).contains("httponly", "samesite=lax", "secure");
    }

    private static void assertSecurityHeaders(String what, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(what).isLessThan(500);
        String policy = answer.headers().firstValue("Content-Security-Policy").orElse(null);
        assertThat(policy).as("Content-Security-Policy of " + what).isNotNull();
        assertThat(policy).as(what).doesNotContain("unsafe-eval");
        if (policy.startsWith("sandbox ")) {
            // An email's HTML in the mailbox's frame: no script at all, the email's own inline styles only; framed
            // only by Steward's own pages (X-Frame-Options below).
            assertThat(directive(policy, "default-src")).as(what).isEqualTo("'none'");
            assertThat(directive(policy, "script-src")).as(what).isNull();
        } else {
            assertThat(policy).as(what).doesNotContain("unsafe-inline").contains("frame-ancestors 'self'");
            assertThat(directive(policy, "script-src")).as(what).isEqualTo("'self'");
            assertThat(directive(policy, "style-src")).as(what).isEqualTo("'self'");
            assertThat(directive(policy, "frame-src")).as(what).isEqualTo("'self'");
        }
        assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).contains("same-origin");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).contains("SAMEORIGIN");
        assertThat(answer.headers().firstValue("Permissions-Policy").orElse("")).as(what)
                .contains("camera=()", "microphone=()", "geolocation=()", "payment=()");
    }

    private static boolean isStewardsPolicy(String policy) {
        return policy.contains("frame-src 'self'") && policy.contains("form-action 'self'");
    }

    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            String trimmed = part.strip();
            if (trimmed.startsWith(name + " ")) {
                return trimmed.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    /** The GET addresses of Steward's own controllers, as written in their mappings. */
    private List<String> getMappings() {
        TreeSet<String> patterns = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("org.steward")) {
                continue;
            }
            var methods = entry.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(entry.getKey().getPatternValues());
            }
        }
        return List.copyOf(patterns);
    }

    /** A pattern with each placeholder filled with a real value; a new placeholder asks to be taught here. */
    private static String fill(String pattern, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String key = pattern.startsWith("/tasks/") || pattern.startsWith("/api/tasks/") ? "task." + name
                    : pattern.startsWith("/dev/mailbox/") || pattern.startsWith("/admin/emails/") ? "email." + name
                    : pattern.startsWith("/admin/departments/") ? "department." + name
                    : pattern.startsWith("/admin/datasets/") ? "dataset." + name : name;
            String value = values.get(key);
            assertThat(value).as("a real value for {%s} in %s: add one to SecurityHeadersTest.realValues()", name,
                    pattern).isNotNull();
            placeholder.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(path);
        return path.toString();
    }

    /** A request with an agreement out for signature, a steward's task, a draft, an email: things to open. */
    private Map<String, String> realValues() throws Exception {
        String signed = submit("Headers: work orders with an agreement", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(signed, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String waiting = submit("Headers: centerlines waiting for Public Works", "PW-STREET-CENTERLINES");
        String draft = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/requests/new").param("action", "draft").param("title", "Headers: a draft")
                .with(httpBasic("alex", "demo"))).andReturn().getResponse().getRedirectedUrl();
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey("data-request")
                .latestVersion().singleResult();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("reference", signed);
        values.put("number", agreement("alex", signed).get("number").asText());
        values.put("task.id", taskFor(waiting, "stewards-pw"));
        values.put("email.id", firstEmailId());
        values.put("draftId", draft.substring(draft.lastIndexOf('/') + 1));
        values.put("attachmentId", "1");
        values.put("definitionId", process.getId());
        values.put("deploymentId", process.getDeploymentId());
        values.put("fileName", "data-request.bpmn");
        values.put("department.code", "PW");
        values.put("dataset.code", "PW-STREET-CENTERLINES");
        values.put("userId", "alex");
        values.put("token", "not-a-real-token");
        return values;
    }

    private String firstEmailId() {
        String list = new Visitor(port).get("/dev/mailbox", "Authorization", Visitor.basic("admin", "demo"), "Accept",
                "text/html").body();
        Matcher link = Pattern.compile("href=\"/dev/mailbox/(\\d+)\"").matcher(list);
        assertThat(link.find()).as("an email in the mailbox:\n%s", list).isTrue();
        return link.group(1);
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("No session cookie in " + answer.headers().map()));
    }

    private static List<String> attributes(String cookie) {
        List<String> attributes = new ArrayList<>();
        for (String part : cookie.split(";")) {
            attributes.add(part.strip().toLowerCase(java.util.Locale.ROOT));
        }
        return attributes.subList(1, attributes.size());
    }
}
