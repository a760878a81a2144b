package org.steward.portal.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.steward.workflow.people.PeopleService;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login for the portal, the API and Camunda's webapps: form login and sessions for people, HTTP Basic for API
 * clients; Cockpit and the engine's REST API only for the camunda-admin group.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

    static final String ENGINE_ADMINS = "camunda-admin";

    private final ObjectMapper json;

    SecurityConfiguration(ObjectMapper json) {
        this.json = json;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, StewardAuthenticationProvider provider)
            throws Exception {
        RequestMatcher apiCall = request -> path(request).startsWith("/api/") || path(request).startsWith("/engine-rest");
        RequestMatcher basicClient = request -> {
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        };
        RequestMatcher camundaWebapps = request -> path(request).startsWith("/camunda/");
        RequestMatcher engineRest = request -> path(request).startsWith("/engine-rest");
        // Our provider alone, with no parent manager: a refused login is checked once, and its own answer is kept.
        http.authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(camundaWebapps, engineRest).hasAuthority(ENGINE_ADMINS)
                        // An email's action or signing link stands for its person: the token, not a login, says who acts.
                        .requestMatchers("/act/**", "/sign/**").permitAll()
                        // The public register of agreements in force; it answers 404 unless switched on.
                        .requestMatchers("/public/agreements").permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/vendor/**",
                                "/webjars/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problem(HttpStatus.UNAUTHORIZED)))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // Cockpit carries its own CSRF protection; HTTP Basic clients send no session cookie to forge.
                .csrf(csrf -> csrf.ignoringRequestMatchers(camundaWebapps, engineRest, basicClient))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(problem(HttpStatus.UNAUTHORIZED), apiCall)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor(forbidden(), apiCall));
        return http.build();
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

    private AuthenticationEntryPoint problem(HttpStatus status) {
        return (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Steward\"");
            write(response, status, "Log in first", message(failure));
        };
    }

    private AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            if (denied instanceof CsrfException) {
                write(response, HttpStatus.FORBIDDEN, "Security token missing", "This call came from a logged-in "
                        + "session without its security (CSRF) token. Reload the page and try again; API clients "
                        + "log in with HTTP Basic instead.");
            } else {
                write(response, HttpStatus.FORBIDDEN, "Not allowed", "Your account may not use this address.");
            }
        };
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String message(AuthenticationException failure) {
        return failure == null || failure.getMessage() == null || failure.getMessage().startsWith("Full authentication")
                ? "Log in with your user name and password (HTTP Basic) to use this address."
                : failure.getMessage();
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
