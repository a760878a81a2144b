package org.steward.portal.account;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.steward.portal.system.PlainAnswers;

/** Local accounts in the filter chain: a password an admin set is changed before anything else. */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    /**
     * After Spring Security (which logs the person in) and before Camunda's webapps take the login
     * ({@code SecurityConfiguration}: the engine's authentication at +1, Cockpit's single sign-on at +2).
     */
    @Bean
    FilterRegistrationBean<PasswordChangeFirst> passwordChangeFirst(PlainAnswers answers) {
        FilterRegistrationBean<PasswordChangeFirst> registration = new FilterRegistrationBean<>(
                new PasswordChangeFirst(answers));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
