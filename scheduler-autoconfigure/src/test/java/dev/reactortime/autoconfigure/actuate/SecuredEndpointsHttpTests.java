package dev.reactortime.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.BeforeEach;
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
 * The endpoints behind Spring Security: reading is open, cancelling, stopping, starting and resetting need the role
 * {@code ACTUATOR_ADMIN} (the chain of {@link ActuatorSecurity}, as the README suggests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, SecuredEndpointsHttpTests.ActuatorSecurity.class },
		properties = { "management.endpoints.web.exposure.include=delayedcalls,loopingcalls",
				"management.endpoint.delayedcalls.access=unrestricted",
				"management.endpoint.loopingcalls.access=unrestricted" })
@VirtualReactorTime
class SecuredEndpointsHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	VirtualTimeReactor reactor;

	private ActuatorHttp http;

	@BeforeEach
	void client() {
		this.http = new ActuatorHttp(this.port);
	}

	@Test
	void anyoneMayRead() {
		assertThat(this.http.get("/actuator/delayedcalls").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/loopingcalls/tick").statusCode()).isEqualTo(200);
	}

	@Test
	void unauthenticatedDeleteIsRejected() {
		DelayedCall call = pendingCall();
		HttpResponse<String> response = this.http.delete("/actuator/delayedcalls/" + call.id());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(call.active()).isTrue();
		assertThat(this.http.delete("/actuator/loopingcalls/tick").statusCode()).isEqualTo(401);
		assertThat(this.http.post("/actuator/loopingcalls/tick", "{\"action\":\"reset\"}").statusCode())
			.isEqualTo(401);
		call.cancel();
	}

	@Test
	void deleteByAUserWithoutTheRoleIsForbidden() {
		DelayedCall call = pendingCall();
		HttpResponse<String> response = this.http.as("viewer", "viewer-secret")
			.delete("/actuator/delayedcalls/" + call.id());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(call.active()).isTrue();
		call.cancel();
	}

	@Test
	void deleteByAnActuatorAdminCancelsTheCall() {
		DelayedCall call = pendingCall();
		HttpResponse<String> response = this.http.as("admin", "admin-secret")
			.delete("/actuator/delayedcalls/" + call.id());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(call.active()).isFalse();
	}

	@Test
	void resetByAnActuatorAdminIsAccepted() {
		HttpResponse<String> response = this.http.as("admin", "admin-secret")
			.post("/actuator/loopingcalls/tick", "{\"action\":\"reset\"}");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private DelayedCall pendingCall() {
		return this.reactor.callLater(CallOptions.named("guarded"), Duration.ofHours(1), () -> {
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ActuatorSecurity {

		// The README's security example, exactly as printed there (ReadmeTests in demo-app compares them).
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
