package dev.reactortime.autoconfigure;

import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;
import dev.reactortime.VirtualTimeReactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of reactortime: a {@link Reactor} bean (real time, or a {@link VirtualTimeReactor} with
 * {@code reactortime.virtual-time=true}) started and closed with the application context, and the post-processor that
 * runs {@code @CallLater} and {@code @Looping} methods. A {@code Reactor} bean of the application's own replaces the
 * auto-configured one (and is started and closed the same way); {@code reactortime.enabled=false} turns everything
 * off. {@link ReactorListener} beans hear the reactor, the auto-configured one or the application's own.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "reactortime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReactortimeProperties.class)
@Import({ ReactortimeAutoConfiguration.RealTimeReactorConfiguration.class,
		ReactortimeAutoConfiguration.VirtualTimeReactorConfiguration.class })
public final class ReactortimeAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(Reactor.class)
	ReactorLifecycle reactortimeLifecycle(Reactor reactor, ObjectProvider<ReactorListener> listeners) {
		return new ReactorLifecycle(reactor, listeners);
	}

	// Static: post-processors are created before other beans; an instance method would drag this class along early.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static ReactortimeAnnotationBeanPostProcessor reactortimeAnnotationBeanPostProcessor() {
		return new ReactortimeAnnotationBeanPostProcessor();
	}

	// Static: read by a bean factory post-processor, before this class could be instantiated.
	@Bean
	static LazyInitializationExcludeFilter reactortimeLazyInitializationExcludeFilter() {
		return new AnnotatedBeanLazyInitializationExcludeFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "reactortime.virtual-time", havingValue = false, matchIfMissing = true)
	static class RealTimeReactorConfiguration {

		@Bean
		@ConditionalOnMissingBean(Reactor.class)
		Reactor reactor(ReactortimeProperties properties) {
			return Reactor.builder()
				.threadName(properties.getThread().getName())
				.daemon(properties.getThread().isDaemon())
				.watchdogThreshold(properties.getWatchdog().getThreshold())
				.shutdownMode(properties.getShutdown().getMode())
				.gracePeriod(properties.getShutdown().getGracePeriod())
				.spin(properties.getSpin())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "reactortime.virtual-time")
	static class VirtualTimeReactorConfiguration {

		@Bean
		@ConditionalOnMissingBean(Reactor.class)
		VirtualTimeReactor reactor() {
			return new VirtualTimeReactor();
		}

	}

}
