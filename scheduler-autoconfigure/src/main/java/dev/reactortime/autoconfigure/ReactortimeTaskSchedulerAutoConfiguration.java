package dev.reactortime.autoconfigure;

import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * Auto-configuration of a {@link ReactorTaskScheduler} with {@code reactortime.task-scheduler.enabled=true}: the
 * {@code taskScheduler} bean that {@code @Scheduled} methods run on, ordered before Spring Boot's own task scheduling
 * so that Boot's {@code ThreadPoolTaskScheduler} backs off. A {@code TaskScheduler} bean of the application's own
 * wins. The bodies run on threads of their own (virtual threads with {@code spring.threads.virtual.enabled=true} on
 * Java 21 or later), never on the reactor thread; on a {@code VirtualTimeReactor} they run on the thread that
 * advances it, so that a test's counts are exact.
 */
@AutoConfiguration(after = ReactortimeAutoConfiguration.class,
		beforeName = "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "reactortime.task-scheduler.enabled")
@ConditionalOnBean(Reactor.class)
@EnableConfigurationProperties(ReactortimeTaskSchedulerProperties.class)
public final class ReactortimeTaskSchedulerAutoConfiguration {

	@Bean(name = "taskScheduler")
	@ConditionalOnMissingBean(TaskScheduler.class)
	ReactorTaskScheduler taskScheduler(Reactor reactor, ReactortimeTaskSchedulerProperties properties,
			Environment environment) {
		if (reactor instanceof VirtualTimeReactor) {
			// Virtual time has no reactor thread: everything runs on the thread that advances the clock, and so do
			// the bodies, or a test's advance() would return before they ran and its counts would be a race.
			return new ReactorTaskScheduler(reactor, Runnable::run);
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(properties.getThreadNamePrefix());
		// Spring Boot's rule for spring.threads.virtual.enabled: it applies on Java 21 and later only.
		boolean virtual = environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				&& Runtime.version().feature() >= 21;
		executor.setVirtualThreads(virtual);
		return new ReactorTaskScheduler(reactor, executor);
	}

	/**
	 * Hands the reactor's scheduler to {@code @Scheduled}'s registrar itself. Through Spring's default router,
	 * start times ({@code initialDelay}) would be computed on the router's clock, the system clock, and a virtual-time
	 * test would find its tasks starting at the real date; handed over directly, the registrar reads
	 * {@link ReactorTaskScheduler#getClock()}. ({@code @Scheduled(scheduler = …)} qualifiers are then not routed.)
	 */
	@Bean
	@ConditionalOnBean(ReactorTaskScheduler.class)
	SchedulingConfigurer reactortimeSchedulingConfigurer(ReactorTaskScheduler taskScheduler) {
		return (registrar) -> registrar.setTaskScheduler(taskScheduler);
	}

}
