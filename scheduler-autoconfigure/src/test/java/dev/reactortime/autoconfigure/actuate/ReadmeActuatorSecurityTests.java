package dev.reactortime.autoconfigure.actuate;

import java.time.Duration;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's security chain, verbatim (ReadmeTests in demo-app compares them), on Boot 4 where its
 * {@code EndpointRequest} lives: reads are open, writes need {@code ACTUATOR_ADMIN}. Boot 4 only: the boot35 build
 * leaves this class out ({@link SecuredEndpointsHttpTests} runs the same chain on both through reflection).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, ReadmeActuatorSecurityTests.ReadmeSecurity.class },
		properties = { "management.endpoints.web.exposure.include=delayedcalls,loopingcalls",
				"management.endpoint.delayedcalls.access=unrestricted",
				"management.endpoint.loopingcalls.access=unrestricted" })
@VirtualReactorTime
class ReadmeActuatorSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void readsAreOpenAndWritesNeedTheActuatorAdminRole() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		DelayedCall call = this.reactor.callLater(CallOptions.named("guarded"), Duration.ofHours(1), () -> {
		});
		assertThat(http.get("/actuator/delayedcalls").statusCode()).isEqualTo(200);
		assertThat(http.delete("/actuator/delayedcalls/" + call.id()).statusCode()).isEqualTo(401);
		assertThat(http.as("viewer", "viewer-secret").delete("/actuator/delayedcalls/" + call.id()).statusCode())
			.isEqualTo(403);
		assertThat(call.active()).isTrue();
		assertThat(http.as("admin", "admin-secret").delete("/actuator/delayedcalls/" + call.id()).statusCode())
			.isEqualTo(204);
		assertThat(call.active()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class ReadmeSecurity {

		// tag::actuator-security[]
		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) {
			EndpointRequest.EndpointRequestMatcher reactortime = EndpointRequest.to(DelayedCallsEndpoint.class,
					LoopingCallsEndpoint.class);
			return http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests
					.requestMatchers(reactortime.withHttpMethod(HttpMethod.DELETE),
							reactortime.withHttpMethod(HttpMethod.POST))
					.hasRole("ACTUATOR_ADMIN")
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				// Scripts call these endpoints with HTTP Basic, not a browser session: no CSRF token to send.
				.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()))
				.build();
		}
		// end::actuator-security[]

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}admin-secret").roles("ACTUATOR_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build());
		}

	}

}
