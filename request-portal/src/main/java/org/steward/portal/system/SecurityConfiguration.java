package org.steward.portal.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.steward.notifications.SiteSettings;
import org.steward.portal.monitoring.MetricsAccount;
import org.steward.portal.signin.CitySignIn;
import org.steward.workflow.people.PeopleService;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login for the portal, the API and Camunda's webapps: the city's provider (OpenID Connect) or form login, and
 * sessions, for people; bearer tokens of the provider or HTTP Basic for API clients; Cockpit and the engine's REST API
 * only for the camunda-admin group. The engine's REST API has a chain of its own that never takes a session: only
 * credentials sent with each call.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

    static final String ENGINE_ADMINS = "camunda-admin";

    // ---- Health and metrics (issue 15): the probes are open to the proxy; the rest of /actuator is for admins and
    // the metrics account, which is refused everywhere else whatever other groups it is in.
    private static final String ADMINS = "admins";
    private static final RequestMatcher ACTUATOR = request -> Paths.of(request).equals("/actuator")
            || Paths.of(request).startsWith("/actuator/");
    private static final RequestMatcher PROBES = request -> Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness").contains(Paths.of(request));
    /**
     * Changes to people through the engine's own APIs (the REST API, Camunda Admin): they would set passwords around
     * Steward's policy, temporary passwords and ended sessions. People are managed on Steward's admin pages.
     */
    private static final java.util.regex.Pattern ENGINE_PEOPLE = java.util.regex.Pattern.compile(
            "/engine-rest(/engine/[^/]+)?/user(/.*)?|/camunda/api/engine/engine/[^/]+/user(/.*)?");
    private static final RequestMatcher PEOPLE_CHANGED_IN_THE_ENGINE = request ->
            !Set.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())
                    && ENGINE_PEOPLE.matcher(Paths.of(request)).matches();
    private static final AuthorizationManager<RequestAuthorizationContext> NOT_METRICS_ACCOUNT =
            AuthorizationManagers.not(AuthorityAuthorizationManager.hasAuthority(MetricsAccount.GROUP));

    private final PlainAnswers answers;
    private final SameSiteOnly sameSite;
    private final CitySignIn city;

    /** @param site {@code steward.base-url}: pages served there count as Steward's own, besides the request's */
    SecurityConfiguration(PlainAnswers answers, SiteSettings site, CitySignIn city) {
        this.answers = answers;
        this.sameSite = new SameSiteOnly(answers, site.baseUrl());
        this.city = city;
    }

    /**
     * {@code /engine-rest}: HTTP Basic on every call, never a session cookie, so that a page on another site cannot
     * deploy a model through a logged-in admin's browser. Nothing here reads or creates an HTTP session.
     */
    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http, StewardAuthenticationProvider provider,
            AuthenticationEventPublisher loginEvents) throws Exception {
        http.securityMatcher(Paths::isEngineRest)
                .authenticationManager(manager(provider, loginEvents))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(authorize -> authorize.requestMatchers(PEOPLE_CHANGED_IN_THE_ENGINE).denyAll()
                        .anyRequest().access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasAuthority(ENGINE_ADMINS), NOT_METRICS_ACCOUNT)))
                // No cookie is ever taken here, so there is no session to forge a request with; a browser's
                // remembered Basic credentials are kept from other sites by SameSiteOnly.
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(SecurityHeaders.all())
                .addFilterAfter(sameSite, HeaderWriterFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problem())
                        .accessDeniedHandler(forbidden()));
        clientCredentials(http, request -> true);
        return http.build();
    }

    /**
     * Bearer tokens of the city's provider when it is configured, on the addresses {@code tokensOn} says, and HTTP
     * Basic unless switched off.
     */
    private void clientCredentials(HttpSecurity http, RequestMatcher tokensOn) throws Exception {
        city.tokens(http, problem(), tokensOn);
        if (city.basicAuth()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problem()));
        } else {
            http.httpBasic(basic -> basic.disable());
        }
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, StewardAuthenticationProvider provider,
            AuthenticationEventPublisher loginEvents) throws Exception {
        RequestMatcher apiCall = request -> Paths.of(request).startsWith("/api/");
        RequestMatcher tokensOn = request -> apiCall.matches(request) || ACTUATOR.matches(request);
        // A program's own credentials, checked on this very call, and no session beside them: nothing a page could
        // forge. A header of a scheme that is off, or one that comes with a session, leaves CSRF on (the session acts).
        RequestMatcher credentialsClient = request -> {
            String header = request.getHeader("Authorization");
            if (header == null || request.getSession(false) != null) {
                return false;
            }
            return (city.basicAuth() && header.regionMatches(true, 0, "Basic ", 0, 6))
                    || (city.configured() && tokensOn.matches(request)
                            && header.regionMatches(true, 0, "Bearer ", 0, 7));
        };
        RequestMatcher camundaWebapps = Paths::isCamundaWebapps;
        // Our provider alone, with no parent manager: a refused login is checked once, and its own answer is kept.
        http.authenticationManager(manager(provider, loginEvents))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PROBES).permitAll()
                        .requestMatchers(ACTUATOR).hasAnyAuthority(ADMINS, MetricsAccount.GROUP)
                        .requestMatchers(PEOPLE_CHANGED_IN_THE_ENGINE).denyAll()
                        .requestMatchers(camundaWebapps).access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAuthority(ENGINE_ADMINS), NOT_METRICS_ACCOUNT))
                        // An email's action or signing link stands for its person: the token, not a login, says who acts.
                        .requestMatchers("/act/**", "/sign/**").permitAll()
                        // The public register of agreements in force; it answers 404 unless switched on.
                        .requestMatchers("/public/agreements").permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/vendor/**",
                                "/webjars/**").permitAll()
                        .anyRequest().access(AuthorizationManagers.allOf(
                                AuthenticatedAuthorizationManager.authenticated(), NOT_METRICS_ACCOUNT)))
                // A refused login waits in the session (the database) for the login page as its words alone: Spring
                // Security's own refusal carries the name and password typed, even the right one typed while held back.
                .formLogin(form -> form.loginPage("/login").permitAll().failureHandler((request, response, refused) ->
                        new SimpleUrlAuthenticationFailureHandler("/login?error").onAuthenticationFailure(request,
                                response, new BadCredentialsException(refused.getMessage()))))
                // Cockpit carries its own CSRF protection; HTTP Basic clients send no session cookie to forge.
                // An API call with no session has nothing to forge: it is asked to log in (401), not for a token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(camundaWebapps, credentialsClient,
                        request -> apiCall.matches(request) && request.getSession(false) == null))
                .headers(SecurityHeaders.all(city.providerOrigin()))
                .addFilterAfter(sameSite, HeaderWriterFilter.class)
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(problem(), request -> apiCall.matches(request)
                                || ACTUATOR.matches(request))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor(forbidden(), request -> apiCall.matches(request)
                                || ACTUATOR.matches(request)));
        city.signIn(http);
        // Checked on every call, never kept in a session: a Basic login kept there let a planted session id stand for
        // the person (no new id on a Basic login) and wrote without a token (ADR 0015). Tokens on the API and the
        // actuator only: the pages are for people, who sign in.
        clientCredentials(http, tokensOn);
        return http.build();
    }

    /**
     * Our provider, and the city sign-in's when it is on, with no parent manager; refused logins are published, so
     * that metrics count them.
     */
    private ProviderManager manager(StewardAuthenticationProvider provider,
            AuthenticationEventPublisher loginEvents) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(provider);
        providers.addAll(city.providers());
        ProviderManager manager = new ProviderManager(providers);
        manager.setAuthenticationEventPublisher(loginEvents);
        return manager;
    }

    /** The firewall of Spring Security's filter chain, and of the check of addresses before it. */
    @Bean
    HttpFirewall firewall() {
        return new StrictHttpFirewall();
    }

    /** Addresses the firewall refuses are a 400, not a 500 with a stack trace. */
    @Bean
    MalformedAddresses malformedAddresses(HttpFirewall firewall) {
        return new MalformedAddresses(answers, firewall);
    }

    /** Checks every address before anything else reads it, Spring Security included. */
    @Bean
    FilterRegistrationBean<MalformedAddresses> malformedAddressesFirst(MalformedAddresses malformedAddresses) {
        FilterRegistrationBean<MalformedAddresses> registration = new FilterRegistrationBean<>(malformedAddresses);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /** Runs after Spring Security, so the engine records the logged-in person as the one acting. */
    @Bean
    FilterRegistrationBean<EngineAuthenticationFilter> engineAuthenticationFilter(PeopleService people,
            CurrentPerson currentPerson) {
        FilterRegistrationBean<EngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new EngineAuthenticationFilter(people, currentPerson));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Hands the portal's login to Cockpit, Tasklist and Admin, so nobody logs in twice. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappsSingleSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Collections.singletonMap(
                "authentication-provider",
                ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    /**
     * 401 with a problem in plain words; {@code WWW-Authenticate} names the ways in that are on, and for a refused
     * token says why (RFC 6750).
     */
    private AuthenticationEntryPoint problem() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        bearer.setRealmName("Steward");
        return (request, response, failure) -> {
            if (failure instanceof OAuth2AuthenticationException unchecked
                    && CitySignIn.UNAVAILABLE.equals(unchecked.getError().getErrorCode())) {
                response.setHeader("Retry-After", "30");
                answers.problem(response, HttpStatus.SERVICE_UNAVAILABLE, "Sign-in service unavailable",
                        unchecked.getError().getDescription());
                return;
            }
            if (failure instanceof OAuth2AuthenticationException refused) {
                bearer.commence(request, response, failure);
                String why = refused.getError().getDescription() != null ? refused.getError().getDescription()
                        : refused.getMessage();
                answers.problem(response, HttpStatus.UNAUTHORIZED, "Token refused", "Steward refused the bearer token: "
                        + why + " Ask the city's sign-in service for a new token for Steward and try again.");
                return;
            }
            if (city.configured()) {
                response.addHeader("WWW-Authenticate", "Bearer realm=\"Steward\"");
            }
            if (city.basicAuth()) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"Steward\"");
            }
            answers.problem(response, HttpStatus.UNAUTHORIZED, "Log in first", message(failure));
        };
    }

    private AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            if (denied instanceof CsrfException) {
                answers.problem(response, HttpStatus.FORBIDDEN, "Security token missing", "This call came from a "
                        + "logged-in session without its security (CSRF) token. Reload the page and try again; API "
                        + "clients log in with HTTP Basic instead.");
            } else {
                answers.problem(response, HttpStatus.FORBIDDEN, "Not allowed", "Your account may not use this address.");
            }
        };
    }

    private String message(AuthenticationException failure) {
        if (failure != null && failure.getMessage() != null && !failure.getMessage().startsWith("Full authentication")) {
            return failure.getMessage();
        }
        if (city.configured() && city.basicAuth()) {
            return "Send a bearer token of the city's sign-in service, or a user name and password (HTTP Basic), to "
                    + "use this address.";
        }
        return city.configured() ? "Send a bearer token of the city's sign-in service to use this address."
                : "Log in with your user name and password (HTTP Basic) to use this address.";
    }
}
