package org.steward.portal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.IntegrationTest;
import org.steward.portal.system.StewardPrincipal;

/** What the email page tests share: a person's pages read with jsoup, and waiting for a request's emails. */
abstract class EmailPageSupport extends IntegrationTest {

    @Autowired
    protected EmailOutbox outbox;

    @Autowired
    private org.steward.workflow.people.PeopleService people;

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private ViewResolver thymeleafViewResolver;

    /** A person's browser, logged in with HTTP Basic (which needs no CSRF token). */
    protected static RequestPostProcessor as(String user) {
        return httpBasic(user, "demo");
    }

    /** The answer to a GET of a page by a person, whatever its status. */
    protected MockHttpServletResponse answer(String user, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(as(user))).andReturn().getResponse();
    }

    /** A page as a person reads it; it must answer 200. */
    protected Document page(String user, String path) throws Exception {
        MockHttpServletResponse response = answer(user, path);
        assertThat(response.getStatus()).as("GET %s as %s", path, user).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** The id of the mailbox message whose "To" and subject contain the texts given, as the admin's list links it. */
    protected long messageTo(String to, String subjectPart) throws Exception {
        Document list = page("admin", "/dev/mailbox");
        Element row = list.select("#emails tbody tr").stream()
                .filter(r -> r.select("td[data-label=To]").text().contains(to)
                        && r.select("td[data-label=Subject]").text().contains(subjectPart))
                .findFirst().orElseThrow(() -> new AssertionError("No email to " + to + " about " + subjectPart
                        + " in the mailbox: " + list.select("#emails tbody tr").eachText()));
        String href = row.selectFirst("td[data-label=Subject] a").attr("href");
        return Long.parseLong(href.substring("/dev/mailbox/".length()));
    }

    /** A person as the security filter leaves them logged in, for a controller built by hand. */
    protected static Authentication logged(String user, String name, String... groups) {
        return new UsernamePasswordAuthenticationToken(new StewardPrincipal(user, name), null,
                Set.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
    }

    /** Renders a page of a hand-built controller with the application's own templates, for the person given. */
    protected Document render(String viewName, ExtendedModelMap model, Authentication who) throws Exception {
        View view = thymeleafViewResolver.resolveViewName(viewName, Locale.ENGLISH);
        MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), "GET", "/dev/mailbox");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        MockHttpServletResponse response = new MockHttpServletResponse();
        SecurityContextHolder.getContext().setAuthentication(who);
        try {
            view.render(model, request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** A session logged in through the login form, as a browser keeps it (with its CSRF protection). */
    protected LoggedInSession logIn(String user) throws Exception {
        LoggedInSession session = LoggedInSession.from(mvc.perform(formLogin("/login").user(user).password("demo"))
                .andExpect(status().isFound()).andReturn());
        assertThat(session).isNotNull();
        return session;
    }

    /**
     * The emails written about a request once every one of them has the status given (and there are at least as many
     * as expected); fails after the deadline, naming where each stands.
     */
    protected List<OutboxEmail> awaitEmails(String reference, int atLeast, OutboxEmail.Status status,
            Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        while (true) {
            List<OutboxEmail> emails = outbox.about(reference);
            if (emails.size() >= atLeast && emails.stream().allMatch(e -> e.getStatus() == status)) {
                return emails;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("The emails about " + reference + " are not all " + status + " after "
                        + deadline.toSeconds() + " s: " + emails.stream().map(e -> e.getId() + " to "
                        + e.getRecipient() + " " + e.getStatus() + " after " + e.getAttempts() + " tries").toList());
            }
            pause();
        }
    }

    /** One email once it has the status given; fails after 20 seconds. */
    protected OutboxEmail awaitEmail(long id, OutboxEmail.Status status) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            OutboxEmail email = outbox.find(id).orElseThrow();
            if (email.getStatus() == status) {
                return email;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Email " + id + " is " + email.getStatus() + " after 20 s, not " + status);
            }
            pause();
        }
    }

    /**
     * Waits until no email in the outbox waits to be sent now; fails after 20 seconds. Emails written while another
     * test had moved the engine's clock ahead wait for that future moment, and are not counted.
     */
    protected void awaitNothingWaiting() {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (waitingNow() > 0) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(waitingNow() + " emails still wait after 20 s");
            }
            pause();
        }
    }

    private org.steward.workflow.people.Person outboxAdmin() {
        return people.find("admin").orElseThrow();
    }

    private long waitingNow() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(1));
        return outbox.recent(outboxAdmin(), true, 1000).stream()
                .filter(e -> e.getStatus() == OutboxEmail.Status.PENDING && e.getNextAttemptAt().isBefore(soon))
                .count();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
