package org.steward.portal.signin.attack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The attacker's copy of the tests' city provider (Spring Authorization Server in this JVM): each person of its
 * directory carries the claims a test wants in their ID and access tokens (any sub, preferred_username, a groups claim
 * of any shape, a lying nonce or audience), and it counts how often its key set is fetched.
 */
final class AttackProvider implements AutoCloseable {

    static final String CLIENT_ID = "steward";
    static final String CLIENT_SECRET = "steward-client-secret";
    static final String SCRIPTS_ID = "city-scripts";
    static final String SCRIPTS_SECRET = "scripts-secret";
    static final String OTHER_APP_ID = "other-app";
    static final String OTHER_APP_SECRET = "other-app-secret";
    static final String ADMIN_GROUP = "Steward-Admins";

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private AttackProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    static AttackProvider start(int port, String stewardBaseUrl) {
        String issuer = "http://127.0.0.1:" + port;
        SpringApplication application = new SpringApplication(Provider.class);
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        application.setInitializers(application.getInitializers().stream()
                .filter(initializer -> !initializer.getClass().getName().startsWith("org.steward.")).toList());
        ConfigurableApplicationContext context = application.run("--spring.config.name=attack-provider",
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false", "--provider.issuer=" + issuer, "--provider.steward=" + stewardBaseUrl);
        return new AttackProvider(context, issuer);
    }

    String issuer() {
        return issuer;
    }

    Directory directory() {
        return context.getBean(Directory.class);
    }

    /** The provider's own signing key (the attacker "has" it only to make tokens the provider could have made). */
    RSAKey key() {
        return context.getBean(RSAKey.class);
    }

    /** How many times the key set (/oauth2/jwks) was fetched. */
    int keySetFetches() {
        return context.getBean(KeySetHits.class).count.get();
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** People of the directory: a password and the claims their tokens carry (a "sub" entry replaces the subject). */
    static final class Directory {

        record Member(String password, Map<String, Object> claims) {
        }

        private final Map<String, Member> members = new ConcurrentHashMap<>();

        /** A person with the usual claims: preferred_username user@city.example, names, email and these groups. */
        void put(String userName, String password, Object groups) {
            Map<String, Object> claims = new HashMap<>();
            claims.put("preferred_username", userName + "@city.example");
            claims.put("given_name", "Given-" + userName);
            claims.put("family_name", "Family");
            claims.put("name", "Given-" + userName + " Family");
            claims.put("email", userName + "@city.example");
            claims.put("groups", groups);
            members.put(userName, new Member(password, claims));
        }

        /** Sets (or, with null, removes) one claim of the person's next tokens. */
        void claim(String userName, String claim, Object value) {
            Member member = members.get(userName);
            Map<String, Object> claims = new HashMap<>(member.claims());
            if (value == null) {
                claims.remove(claim);
            } else {
                claims.put(claim, value);
            }
            members.put(userName, new Member(member.password(), claims));
        }

        Member get(String userName) {
            return members.get(userName);
        }
    }

    static final class KeySetHits {
        final AtomicInteger count = new AtomicInteger();
    }

    @EnableWebSecurity
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        KeySetHits keySetHits() {
            return new KeySetHits();
        }

        @Bean
        Filter countKeySetFetches(KeySetHits hits) {
            return (request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().endsWith("/oauth2/jwks")) {
                    hits.count.incrementAndGet();
                }
                chain.doFilter(request, response);
            };
        }

        @Bean
        Directory directory() {
            return new Directory();
        }

        @Bean
        UserDetailsService people(Directory directory) {
            return userName -> {
                Directory.Member member = directory.get(userName);
                if (member == null) {
                    throw new UsernameNotFoundException(userName);
                }
                return User.withUsername(userName).password("{noop}" + member.password()).roles("USER").build();
            };
        }

        @Bean
        RegisteredClientRepository clients(Environment environment) {
            String steward = environment.getProperty("provider.steward");
            RegisteredClient stewardClient = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .redirectUri(steward + "/login/oauth2/code/city")
                    .postLogoutRedirectUri(steward + "/login?logout")
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
            RegisteredClient scripts = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(SCRIPTS_ID).clientSecret("{noop}" + SCRIPTS_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("steward")
                    .build();
            RegisteredClient other = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(OTHER_APP_ID).clientSecret("{noop}" + OTHER_APP_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("reports")
                    .build();
            return new InMemoryRegisteredClientRepository(stewardClient, scripts, other);
        }

        @Bean
        RSAKey key() {
            return newKey();
        }

        @Bean
        JWKSource<SecurityContext> keys(RSAKey key) {
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder tokens(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(Environment environment) {
            return AuthorizationServerSettings.builder().issuer(environment.getProperty("provider.issuer")).build();
        }

        /** The person's claims in their ID token and access token; "sub" replaces the subject. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims(Directory directory) {
            return context -> {
                String client = context.getRegisteredClient().getClientId();
                if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                    if (SCRIPTS_ID.equals(client)) {
                        context.getClaims().audience(List.of(CLIENT_ID));
                        context.getClaims().claim("groups", List.of(ADMIN_GROUP));
                    }
                    return;
                }
                Directory.Member member = directory.get(context.getPrincipal().getName());
                if (member == null) {
                    return;
                }
                boolean personToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                        || context.getTokenType().getValue().equals("id_token");
                if (personToken) {
                    member.claims().forEach((claim, value) -> {
                        if (claim.equals("sub")) {
                            context.getClaims().subject(value.toString());
                        } else if (claim.startsWith("id_token.")) {
                            if (context.getTokenType().getValue().equals("id_token")) {
                                context.getClaims().claim(claim.substring("id_token.".length()), value);
                            }
                        } else {
                            context.getClaims().claim(claim, value);
                        }
                    });
                }
            };
        }
    }
}
