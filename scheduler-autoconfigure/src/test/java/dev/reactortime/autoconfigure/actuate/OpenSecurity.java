package dev.reactortime.autoconfigure.actuate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Lets every request through: the tests that use it are about the endpoints' own access rules, not Spring
 * Security's.
 */
@Configuration(proxyBeanMethods = false)
public class OpenSecurity {

	@Bean
	SecurityFilterChain permitEverything(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
