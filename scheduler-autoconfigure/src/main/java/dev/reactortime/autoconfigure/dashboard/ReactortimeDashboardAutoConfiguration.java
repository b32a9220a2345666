package dev.reactortime.autoconfigure.dashboard;

import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.DelayedCallsEndpointAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.DurableCallsEndpointAutoConfiguration;
import dev.reactortime.autoconfigure.actuate.LoopingCallsEndpointAutoConfiguration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the operators' dashboard: with {@code reactortime.dashboard.enabled=true}, in a servlet or
 * reactive web application with Actuator and a reactor, the page at {@code reactortime.dashboard.path} (default
 * {@code /reactortime}) and the {@code calllag} endpoint its lag chart reads.
 *
 * <p>The page only reads and calls the Actuator endpoints, with the visitor's credentials: it never widens access.
 * The routes are functional endpoints ({@code RouterFunction} beans), which Spring MVC and WebFlux pick up alike on
 * Spring Boot 3.5 and 4; no class that moved between them is named.
 */
@AutoConfiguration(after = { ReactortimeAutoConfiguration.class, LoopingCallsEndpointAutoConfiguration.class,
		DelayedCallsEndpointAutoConfiguration.class, DurableCallsEndpointAutoConfiguration.class })
@ConditionalOnClass(
		name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "reactortime.dashboard.enabled")
@ConditionalOnBean(type = "dev.reactortime.Reactor")
@EnableConfigurationProperties(DashboardProperties.class)
public final class ReactortimeDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LagWindow reactortimeLagWindow() {
		return new LagWindow();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CallLagEndpoint callLagEndpoint(LagWindow window) {
		return new CallLagEndpoint(window);
	}

	@Bean
	DashboardPage reactortimeDashboardPage(DashboardProperties properties, Environment environment,
			ListableBeanFactory beans, ObjectProvider<EndpointAccessResolver> resolver) {
		// Boot's resolver bean when Actuator's endpoint auto-configuration ran; the same rules read directly if not.
		EndpointAccessResolver access = resolver
			.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment));
		return new DashboardPage(properties, environment, new EndpointAccessReport(beans, access));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	static class ServletDashboard {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> reactortimeDashboardRoutes(
				DashboardPage page) {
			return ServletDashboardRoutes.of(page);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class ReactiveDashboard {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> reactortimeReactiveDashboardRoutes(
				DashboardPage page) {
			return ReactiveDashboardRoutes.of(page);
		}

	}

}
