package org.steward.portal.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written out as they are in the templates. The WebJars locator turns Spring Boot's resource
 * chain on, and with it a filter that looks every link of every page up among the static files; Steward's files
 * carry no version in their names, so the lookup never changed a link, and each miss searched every jar on the
 * classpath (a tenth of the test suite's CPU). The WebJars themselves are still served without their version.
 */
@Configuration
class StaticResources {

    /** Takes the place of Spring Boot's filter of the same name, switched off. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
