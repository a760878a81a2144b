package org.steward.portal.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The city's OpenID Connect provider in the tests: Spring Authorization Server, a real provider with its own login
 * page, discovery document, keys, tokens and RP-initiated logout, in this JVM at {@code http://127.0.0.1:port}. Its
 * people and their directory groups can change while it runs, as a directory's do.
 */
final class CityProvider implements AutoCloseable {

    static final String CLIENT_ID = "steward";
    static final String CLIENT_SECRET = "steward-client-secret";
    /** A script's client whose tokens are meant for Steward, in the directory group of admins. */
    static final String SCRIPTS_ID = "city-scripts";
    /** Another application's client: its tokens name that application as their audience, not Steward. */
    static final String OTHER_APP_ID = "other-app";
    static final String SCRIPTS_SECRET = "scripts-secret";
    static final String OTHER_APP_SECRET = "other-app-secret";
    static final String ADMIN_GROUP = "Steward-Admins";

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private CityProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /** Starts the provider on this port, for a Steward at {@code stewardBaseUrl}. */
    static CityProvider start(int port, String stewardBaseUrl) {
        String issuer = "http://127.0.0.1:" + port;
        SpringApplication application = new SpringApplication(Provider.class);
        // The tests' own logging stays as it is, and Steward's start-up checks are for Steward, not for the provider.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        application.setInitializers(application.getInitializers().stream()
                .filter(initializer -> !initializer.getClass().getName().startsWith("org.steward.")).toList());
        ConfigurableApplicationContext context = application.run("--spring.config.name=city-provider",
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false", "--provider.issuer=" + issuer, "--provider.steward=" + stewardBaseUrl);
        return new CityProvider(context, issuer);
    }

    String issuer() {
        return issuer;
    }

    /** The directory: user name to directory groups; a test changes a person's groups here. */
    Directory directory() {
        return context.getBean(Directory.class);
    }

    /** A token signed with the provider's own key, with the claims given: for expired and tampered tokens. */
    String sign(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        return encode(context.getBean(RSAKey.class), claims, issuedAt, expiresAt);
    }

    /** A token signed with a key that is not the provider's, as another issuer's would be. */
    static String signElsewhere(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        return encode(newKey(), claims, issuedAt, expiresAt);
    }

    private static String encode(RSAKey key, Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet.Builder set = JwtClaimsSet.builder().issuedAt(issuedAt).expiresAt(expiresAt);
        claims.forEach(set::claim);
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID())
                .build(), set.build())).getTokenValue();
    }

    private static RSAKey newKey() {
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

    /** People of the directory, with their passwords, names and groups. */
    static final class Directory {

        record Member(String password, String givenName, String familyName, List<String> groups) {
        }

        private final Map<String, Member> members = new ConcurrentHashMap<>();

        void put(String userName, Member member) {
            members.put(userName, member);
        }

        void setGroups(String userName, List<String> groups) {
            members.computeIfPresent(userName, (name, member) -> new Member(member.password(), member.givenName(),
                    member.familyName(), groups));
        }

        Member get(String userName) {
            return members.get(userName);
        }
    }

    /**
     * The provider's Spring configuration: only what an authorization server needs, none of Steward's. Not a
     * {@code @Configuration}, so that the scan of Steward's test context passes it by.
     */
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

        /** For the provider's user info endpoint, which reads the access tokens it issued. */
        @Bean
        JwtDecoder tokens(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(Environment environment) {
            return AuthorizationServerSettings.builder().issuer(environment.getProperty("provider.issuer")).build();
        }

        /**
         * What a directory puts in its tokens: a person's names, email and groups in the ID token and access token;
         * the scripts' client is meant for Steward (audience) and in the admins' directory group.
         */
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
                String userName = context.getPrincipal().getName();
                Directory.Member member = directory.get(userName);
                if (member == null) {
                    return;
                }
                boolean idToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) || context.getTokenType()
                        .getValue().equals("id_token");
                if (idToken) {
                    context.getClaims().claim("preferred_username", userName + "@city.example")
                            .claim("given_name", member.givenName()).claim("family_name", member.familyName())
                            .claim("name", member.givenName() + " " + member.familyName())
                            .claim("email", userName + "@city.example")
                            .claim("groups", member.groups());
                }
            };
        }
    }

    /** How long a token of the tests' own making lives. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(5);
}
