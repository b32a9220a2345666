package dev.reactortime.autoconfigure.dashboard;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpointAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpointAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's auto-configuration: off by default, only in web applications, served by WebFlux as by Spring MVC
 * (the servlet side over real HTTP in {@link DashboardHttpTests}), and bad properties fail startup clearly.
 */
class ReactortimeDashboardAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ReactortimeAutoConfiguration.class,
			LoopingCallsEndpointAutoConfiguration.class, DelayedCallsEndpointAutoConfiguration.class,
			ReactortimeDashboardAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("reactortime.virtual-time=true");

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("reactortime.virtual-time=true",
				"management.endpoints.web.exposure.include=loopingcalls,delayedcalls,calllag");

	@Test
	void isOffByDefault() {
		this.servlet.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DashboardPage.class);
			assertThat(context).doesNotHaveBean(LagWindow.class);
			assertThat(context).doesNotHaveBean("reactortimeDashboardRoutes");
		});
	}

	@Test
	void isNotServedOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("reactortime.virtual-time=true", "reactortime.dashboard.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DashboardPage.class);
			});
	}

	@Test
	void servletApplicationsGetTheRoutesAndTheLagWindowHearsTheReactor() {
		this.servlet.withPropertyValues("reactortime.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("reactortimeDashboardRoutes");
			assertThat(context).doesNotHaveBean("reactortimeReactiveDashboardRoutes");
			assertThat(context).hasSingleBean(LagWindow.class);
		});
	}

	@Test
	void theCallLagEndpointNeedsExposingLikeAnyOther() {
		this.servlet.withPropertyValues("reactortime.dashboard.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(CallLagEndpoint.class));
		this.servlet
			.withPropertyValues("reactortime.dashboard.enabled=true", "management.endpoints.web.exposure.include=calllag")
			.run((context) -> assertThat(context).hasSingleBean(CallLagEndpoint.class));
	}

	@Test
	void reactiveApplicationsServeThePageAtItsPath() {
		this.reactive
			.withPropertyValues("reactortime.dashboard.enabled=true", "reactortime.dashboard.path=/ops/timers",
					// Upper case: a context runner has no ApplicationConversionService, which would take either case.
					"management.endpoint.loopingcalls.access=UNRESTRICTED")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("reactortimeDashboardRoutes");
				WebTestClient client = WebTestClient
					.bindToRouterFunction(context.getBean("reactortimeReactiveDashboardRoutes", RouterFunction.class))
					.build();
				String page = client.get()
					.uri("/ops/timers")
					.exchange()
					.expectStatus()
					.isOk()
					.expectHeader()
					.contentTypeCompatibleWith(MediaType.TEXT_HTML)
					.expectBody(String.class)
					.returnResult()
					.getResponseBody();
				assertThat(page).contains("\"actuator\":\"/actuator\"", "function syncRows(")
					.contains("\"loopingcalls\":\"unrestricted\"", "\"delayedcalls\":\"read-only\"",
							"\"durablecalls\":\"unavailable\"", "\"calllag\":\"read-only\"");
				client.get().uri("/ops/timers/").exchange().expectStatus().isOk();
				client.get().uri("/reactortime").exchange().expectStatus().isNotFound();
			});
	}

	@Test
	void aPathWithoutALeadingSlashFailsStartupNamingTheProperty() {
		this.servlet.withPropertyValues("reactortime.dashboard.enabled=true", "reactortime.dashboard.path=ops/")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("reactortime.dashboard.path must start with '/'"));
	}

	@Test
	void aRefreshBelowHalfASecondFailsStartup() {
		this.servlet.withPropertyValues("reactortime.dashboard.enabled=true", "reactortime.dashboard.refresh=100ms")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("reactortime.dashboard.refresh must be at least 500ms"));
	}

}
