package dev.reactortime.dashboard;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of {@link SecuredDashboardBrowserTests}: the README's rule for Actuator and the dashboard, and one
 * user who may read the endpoints.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

	// tag::dashboard-security[]
	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests
				// The one rule: the dashboard's data is the endpoints', so this protects both.
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ACTUATOR")
				.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.build();
	}
	// end::dashboard-security[]

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}secret").roles("ACTUATOR").build());
	}

}
