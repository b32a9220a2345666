package dev.reactortime.autoconfigure.actuate;

import java.lang.reflect.InvocationTargetException;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.BootClasses;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints behind Spring Security: reading is open, cancelling, stopping, starting and resetting need the role
 * {@code ACTUATOR_ADMIN} (the chain of {@link ActuatorSecurity}, as the README suggests). Boot's
 * {@code EndpointRequest} moved in Boot 4, so the chain calls it through {@link EndpointRequests}: the tests run on
 * Boot 3.5 too.
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

		// The README's security example, through EndpointRequests (ReadmeActuatorSecurityTests has it verbatim).
		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			Class<?>[] reactortime = { DelayedCallsEndpoint.class, LoopingCallsEndpoint.class };
			return http.securityMatcher(EndpointRequests.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests
					.requestMatchers(EndpointRequests.to(reactortime, HttpMethod.DELETE),
							EndpointRequests.to(reactortime, HttpMethod.POST))
					.hasRole("ACTUATOR_ADMIN")
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				// Scripts call these endpoints with HTTP Basic, not a browser session: no CSRF token to send.
				.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequests.toAnyEndpoint()))
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}admin-secret").roles("ACTUATOR_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build());
		}

	}

	/**
	 * {@code EndpointRequest.toAnyEndpoint()} and {@code EndpointRequest.to(endpoints).withHttpMethod(method)} of the
	 * Boot on the classpath (the class is in {@code org.springframework.boot.security.autoconfigure.actuate.web.servlet}
	 * in Boot 4, {@code org.springframework.boot.actuate.autoconfigure.security.servlet} in Boot 3.5).
	 */
	static final class EndpointRequests {

		private EndpointRequests() {
		}

		static RequestMatcher toAnyEndpoint() {
			return (RequestMatcher) invoke(null, "toAnyEndpoint", new Class<?>[0]);
		}

		static RequestMatcher to(Class<?>[] endpoints, HttpMethod method) {
			Object matcher = invoke(null, "to", new Class<?>[] { Class[].class }, (Object) endpoints);
			return (RequestMatcher) invoke(matcher, "withHttpMethod", new Class<?>[] { HttpMethod.class }, method);
		}

		private static Object invoke(@Nullable Object target, String name, Class<?>[] parameterTypes, Object... arguments) {
			Class<?> type = (target != null) ? target.getClass() : BootClasses.ENDPOINT_REQUEST;
			try {
				return type.getMethod(name, parameterTypes).invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
				throw new IllegalStateException(ex);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
