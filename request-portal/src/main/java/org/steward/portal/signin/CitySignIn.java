package org.steward.portal.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.steward.notifications.SiteSettings;
import org.steward.workflow.directory.DirectoryService;

/**
 * The city sign-in's parts that the security configuration puts in place when {@code steward.oidc.issuer-uri} is set:
 * the registration at the provider, the people it signs in, the tokens it issues, and plain words when it fails.
 */
@Component
@EnableConfigurationProperties({OidcSettings.class, BasicAuthSettings.class})
public class CitySignIn {

    /** The error code of a token that could not be checked because the provider does not answer. */
    public static final String UNAVAILABLE = "temporarily_unavailable";

    /** Where sign-in through the city's provider starts. */
    public static final String START = "/oauth2/authorization/" + CityRegistration.ID;

    private final OidcSettings settings;
    private final BasicAuthSettings basic;
    private final CityRegistration registration;
    private final CityPeople people;
    private final TokenPeople tokenPeople;
    private final JwtDecoder tokens;
    private final String baseUrl;

    CitySignIn(OidcSettings settings, BasicAuthSettings basic, SiteSettings site, DirectoryService directory) {
        this.settings = settings;
        this.basic = basic;
        if (settings.configured() && (settings.clientId().isEmpty() || settings.clientSecret().isBlank())) {
            throw new IllegalStateException("steward.oidc.issuer-uri is set, so Steward signs people in through the "
                    + "city's provider, but steward.oidc.client-id or steward.oidc.client-secret is missing. Set both "
                    + "(STEWARD_OIDC_CLIENT_ID, STEWARD_OIDC_CLIENT_SECRET) as the provider gave them.");
        }
        this.registration = new CityRegistration(settings, site.baseUrl());
        this.baseUrl = site.baseUrl().replaceAll("/+$", "");
        this.people = new CityPeople(directory, settings);
        this.tokenPeople = new TokenPeople(directory, settings);
        this.tokens = settings.configured() ? decoder(settings) : null;
    }

    /** Whether people sign in through the city's provider and scripts use its tokens. */
    public boolean configured() {
        return settings.configured();
    }

    /** The provider's origin (scheme, host, port), where sign-out continues; blank when not configured. */
    public String providerOrigin() {
        if (!configured()) {
            return "";
        }
        java.net.URI issuer = java.net.URI.create(settings.issuerUri());
        return issuer.getScheme() + "://" + issuer.getRawAuthority();
    }

    /** Whether HTTP Basic with a local account's password is accepted. */
    public boolean basicAuth() {
        return basic.on(settings);
    }

    /** The login page's way in through the provider, sign-out at the provider too; nothing when not configured. */
    public void signIn(HttpSecurity http) throws Exception {
        http.logout(logout -> logout.logoutSuccessHandler(signOut()));
        if (!configured()) {
            return;
        }
        http.oauth2Login(login -> login.loginPage("/login")
                        .clientRegistrationRepository(registration)
                        // Kept in the session, which the nodes share in the database, not in one node's memory.
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                        .failureHandler(failures()))
                .addFilterBefore(providerReachable(), OAuth2AuthorizationRequestRedirectFilter.class);
    }

    /**
     * Bearer tokens of the provider on the addresses {@code where} says, refused through {@code refused}; nothing when
     * not configured. Elsewhere (pages, Cockpit) an Authorization header is not read: tokens are for programs.
     */
    public void tokens(HttpSecurity http, AuthenticationEntryPoint refused, RequestMatcher where) throws Exception {
        if (!configured()) {
            return;
        }
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        http.oauth2ResourceServer(server -> server
                .bearerTokenResolver(request -> where.matches(request) ? header.resolve(request) : null)
                .jwt(jwt -> jwt.decoder(tokens).jwtAuthenticationConverter(tokenPeople))
                .authenticationEntryPoint(refused));
    }

    /**
     * What checks a sign-in coming back from the provider (the code exchanged for tokens, the ID token's signature,
     * issuer, audience and nonce) and a bearer token. The security configuration puts them in its one authentication
     * manager, beside the local accounts' check: a manager set on the chain ignores providers the DSL would add.
     */
    public List<AuthenticationProvider> providers() {
        if (!configured()) {
            return List.of();
        }
        JwtAuthenticationProvider bearer = new JwtAuthenticationProvider(tokens);
        bearer.setJwtAuthenticationConverter(tokenPeople);
        return List.of(new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), people), bearer);
    }

    /**
     * Access tokens of the city's provider: signed with its published keys, from its issuer, with an expiry and in
     * date, meant for Steward (the audience), and not an ID token (which says who signed in, and travels in the
     * sign-out address). The provider's keys are read at the first token, kept, and read again at most every 30
     * seconds when a token names a key not seen yet, so that made-up tokens cannot make Steward flood the provider.
     */
    private static JwtDecoder decoder(OidcSettings settings) {
        String audience = settings.expectedAudience();
        OAuth2TokenValidator<Jwt> forSteward = token -> token.getAudience() != null
                && token.getAudience().contains(audience) ? OAuth2TokenValidatorResult.success()
                : refused("The token is not meant for Steward: its audience is not " + audience + ".");
        OAuth2TokenValidator<Jwt> expires = token -> token.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : refused("The token has no expiry (exp).");
        OAuth2TokenValidator<Jwt> accessToken = token -> {
            boolean scoped = token.hasClaim("scope") || token.hasClaim("scp");
            boolean idToken = "ID".equalsIgnoreCase(token.getClaimAsString("typ")) || (!scoped
                    && (token.hasClaim("nonce") || token.hasClaim("at_hash") || token.hasClaim("c_hash")));
            return idToken ? refused("This is an ID token, which only says who signed in; send an access token for "
                    + "Steward instead.") : OAuth2TokenValidatorResult.success();
        };
        OAuth2TokenValidator<Jwt> checks = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuerUri()), expires, forSteward, accessToken);
        JwtDecoder provider = new SupplierJwtDecoder(() -> {
            String keySet = ClientRegistrations.fromIssuerLocation(settings.issuerUri()).clientId(settings.clientId())
                    .build().getProviderDetails().getJwkSetUri();
            JWKSource<SecurityContext> keys;
            try {
                keys = JWKSourceBuilder.create(URI.create(keySet).toURL()).rateLimited(30_000).build();
            } catch (java.net.MalformedURLException wrong) {
                throw new IllegalStateException("The provider's key set address is not a URL: " + keySet, wrong);
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256,
                    JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                    JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512), keys));
            // Providers write typ as JWT, at+jwt or not at all; Spring's validators below check the claims.
            processor.setJWSTypeVerifier((type, context) -> { });
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(checks);
            return decoder;
        });
        return token -> {
            try {
                return provider.decode(token);
            } catch (JwtDecoderInitializationException unreachable) {
                throw providerUnavailable(unreachable);
            } catch (BadJwtException bad) {
                throw bad;
            } catch (JwtException failed) {
                // Only a key set that cannot be fetched is the provider's fault; an unknown key within the 30 s
                // between fetches (RateLimitReachedException) is the token's.
                if (failed.getCause() instanceof JWKSetUnavailableException) {
                    throw providerUnavailable(failed);
                }
                if (failed.getCause() instanceof KeySourceException) {
                    throw new BadJwtException("The token is signed with a key the city's sign-in service does not "
                            + "publish.", failed);
                }
                throw failed;
            }
        };
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }

    /** The provider cannot be asked for its keys: not the token's fault, so a 503 rather than a 401. */
    private static OAuth2AuthenticationException providerUnavailable(Exception cause) {
        return new OAuth2AuthenticationException(new OAuth2Error(UNAVAILABLE, "Steward cannot check tokens just now: "
                + "the city's sign-in service does not answer. Try again in a minute.", null), cause);
    }

    /** A failed sign-in at the provider: the login page says why in plain words, never with a stack trace. */
    private AuthenticationFailureHandler failures() {
        return (request, response, failure) -> refuse(request, response, words(failure));
    }

    /**
     * Before sign-in leaves for the provider: if its discovery document cannot be read now, the login page says so
     * instead of an error page.
     */
    private OncePerRequestFilter providerReachable() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !(request.getRequestURI().substring(request.getContextPath().length()).equals(START));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (registration.findByRegistrationId(CityRegistration.ID) == null) {
                    refuse(request, response, "The city's sign-in service cannot be reached just now, so Steward "
                            + "cannot send you there. Try again in a few minutes; if it keeps happening, tell your IT "
                            + "service desk." + localLogin());
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * Sign-out ends Steward's session and, for a person signed in through the provider, the provider's too when it
     * offers that (RP-initiated logout), coming back to the login page.
     */
    private LogoutSuccessHandler signOut() {
        SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
        local.setDefaultTargetUrl("/login?logout");
        if (!settings.configured()) {
            return local;
        }
        OidcClientInitiatedLogoutSuccessHandler provider = new OidcClientInitiatedLogoutSuccessHandler(registration);
        // steward.base-url when set, never the Host header a request claims.
        provider.setPostLogoutRedirectUri((baseUrl.isEmpty() ? "{baseUrl}" : baseUrl) + "/login?logout");
        provider.setDefaultTargetUrl("/login?logout");
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2AuthenticationToken) {
                provider.onLogoutSuccess(request, response, authentication);
            } else {
                local.onLogoutSuccess(request, response, authentication);
            }
        };
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String words) throws IOException {
        request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new BadCredentialsException(words));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    private String words(AuthenticationException failure) {
        String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
        return switch (code) {
            case "access_denied" -> "Sign-in was cancelled or refused at the city's sign-in service. You are not "
                    + "signed in to Steward.";
            case "authorization_request_not_found", "invalid_state_parameter" -> "That sign-in had expired or was "
                    + "started in another window. Start again with the button below.";
            case "steward_unavailable" -> failure.getMessage();
            default -> "The city's sign-in service did not complete your sign-in (" + (code.isEmpty()
                    ? "no reason given" : code) + "). Try again in a few minutes; if it keeps happening, tell your "
                    + "IT service desk." + localLogin();
        };
    }

    private String localLogin() {
        return " You can also log in with a Steward user name and password below, if you have one.";
    }
}
