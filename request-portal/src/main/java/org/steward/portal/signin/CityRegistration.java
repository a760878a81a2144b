package org.steward.portal.signin;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Steward's registration at the city's provider, registration id {@code city}, read from the provider's discovery
 * document at the first sign-in rather than at start-up: a provider that is down must not keep Steward from starting,
 * and a sign-in while it is down is answered in plain words. Once read, it is kept.
 */
class CityRegistration implements ClientRegistrationRepository {

    static final String ID = "city";
    private static final Logger log = LoggerFactory.getLogger(CityRegistration.class);

    private final OidcSettings settings;
    private final String redirectUri;
    private final AtomicReference<ClientRegistration> known = new AtomicReference<>();

    /** @param baseUrl {@code steward.base-url}; when blank, the address each request came to */
    CityRegistration(OidcSettings settings, String baseUrl) {
        this.settings = settings;
        this.redirectUri = (baseUrl == null || baseUrl.isBlank() ? "{baseUrl}" : baseUrl.replaceAll("/+$", ""))
                + "/login/oauth2/code/{registrationId}";
    }

    /** The registration, or null while the provider cannot be read (it is tried again at the next sign-in). */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration registration = known.get();
        if (registration != null) {
            return registration;
        }
        try {
            registration = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(ID)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri)
                    .scope(settings.scopes())
                    .clientName("your city account")
                    .build();
        } catch (RuntimeException unreachable) {
            log.warn("The city's sign-in provider at {} could not be read: {}", settings.issuerUri(),
                    unreachable.getMessage());
            return null;
        }
        known.compareAndSet(null, registration);
        return known.get();
    }
}
