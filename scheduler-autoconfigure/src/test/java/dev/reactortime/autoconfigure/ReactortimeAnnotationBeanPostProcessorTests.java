package dev.reactortime.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.CallKind;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactortimeAnnotationBeanPostProcessor}: when schedules start and end, names and sources, and
 * proxies. All on virtual time.
 */
class ReactortimeAnnotationBeanPostProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class))
		.withPropertyValues("reactortime.virtual-time=true");

	@Test
	void callsAreNamedBeanDotMethodAndShowTheirSource() {
		this.contextRunner.withBean("greeter", Greeter.class).run((context) -> {
			List<DelayedCall> calls = context.getBean(Reactor.class).getDelayedCalls();
			assertThat(calls).singleElement().satisfies((call) -> {
				assertThat(call.name()).isEqualTo("greeter.greet");
				assertThat(call.source()).isEqualTo("greeter#greet");
				assertThat(call.kind()).isEqualTo(CallKind.CALL);
				assertThat(call.getTime()).isEqualTo(Instant.EPOCH.plusMillis(3500));
			});
		});
	}

	@Test
	void defaultNamesReplaceWhatIsNotUrlSafe() {
		Method greet = ReflectionUtils.findMethod(Greeter.class, "greet");
		assertThat(AnnotatedMethodFactory.defaultName("com.example.Greeter#0", greet))
			.isEqualTo("com.example.Greeter-0.greet");
	}

	@Test
	void delaysCountFromTheReactorsTimeWhenTheContextStarted() {
		this.contextRunner.withUserConfiguration(LateStartConfiguration.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			assertThat(reactor.getDelayedCalls()).singleElement()
				.satisfies((call) -> assertThat(call.getTime()).isEqualTo(Instant.parse("2030-01-01T00:00:13.500Z")));
		});
	}

	@Test
	void closingTheContextStopsLoopsAndCancelsPendingCalls() {
		this.contextRunner.withBean("greeter", Greeter.class).withBean("ticker", Ticker.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Ticker ticker = context.getBean(Ticker.class);
			Greeter greeter = context.getBean(Greeter.class);
			reactor.advance(Duration.ofSeconds(1));
			assertThat(reactor.getDelayedCalls()).hasSize(2);
			context.close();
			assertThat(reactor.getDelayedCalls()).isEmpty();
			assertThat(reactor.getLoopingCalls()).noneMatch((loop) -> loop.isRunning());
			assertThat(ticker.ticks.get()).isEqualTo(2);
			reactor.advance(Duration.ofSeconds(5));
			assertThat(greeter.greetings.get()).isZero();
		});
	}

	@Test
	void destroyingASingletonEndsItsScheduleAndLeavesOthersRunning() {
		this.contextRunner.withBean("ticker", Ticker.class).withBean("other", Ticker.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Ticker ticker = (Ticker) context.getBean("ticker");
			Ticker other = (Ticker) context.getBean("other");
			context.getBeanFactory().destroyBean(ticker);
			reactor.advance(Duration.ofSeconds(2));
			assertThat(ticker.ticks.get()).isZero();
			assertThat(other.ticks.get()).isEqualTo(3);
		});
	}

	@Test
	void lazyBeanIsScheduledWhenItIsCreated() {
		this.contextRunner.withUserConfiguration(LazyConfiguration.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			reactor.advance(Duration.ofSeconds(10));
			Greeter greeter = context.getBean(Greeter.class);
			reactor.advance(Duration.ofMillis(3499));
			assertThat(greeter.greetings.get()).isZero();
			reactor.advance(Duration.ofMillis(1));
			assertThat(greeter.greetings.get()).isOne();
		});
	}

	@Test
	void prototypeCreatedDuringStartupIsScheduledWhenTheContextHasStarted() {
		this.contextRunner.withUserConfiguration(PrototypeConfiguration.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Ticker injected = context.getBean(TickerHolder.class).ticker();
			Ticker later = context.getBean(Ticker.class);
			assertThat(later).isNotSameAs(injected);
			reactor.advance(Duration.ofSeconds(1));
			assertThat(injected.ticks.get()).isEqualTo(2);
			assertThat(later.ticks.get()).isEqualTo(2);
			assertThat(reactor.getLoopingCalls()).filteredOn(LoopingCall::isRunning)
				.extracting(LoopingCall::name)
				.containsExactly("ticker.tick", "ticker.tick");
		});
	}

	@Test
	void annotatedBeansStayEagerUnderLazyInitialization() {
		this.contextRunner
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withBean("ticker", Ticker.class)
			.withBean("greeter", Greeter.class)
			.run((context) -> {
				assertThat(context.getBeanFactory().getBeanDefinition("ticker").isLazyInit()).isFalse();
				assertThat(context.getBean(VirtualTimeReactor.class).getDelayedCalls()).extracting(DelayedCall::name)
					.containsExactlyInAnyOrder("ticker.tick", "greeter.greet");
			});
	}

	@Test
	void beansBehindAnInterfaceProxyAreCalledThroughTheProxy() {
		this.contextRunner.withUserConfiguration(InterfaceProxyConfiguration.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			reactor.advance(Duration.ofSeconds(2));
			assertThat(context.getBean(Counting.class).calls()).containsExactly("tick", "tick", "tick");
			assertThat(context.getBean(InterfaceProxies.class).advised.get()).isEqualTo(3);
		});
	}

	@Test
	void methodsThatAnInterfaceProxyCannotReachFailStartup() {
		this.contextRunner.withUserConfiguration(InterfaceProxyConfiguration.class)
			.withBean("unreachable", Unreachable.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Invalid @Looping method 'unreachable#hidden': it cannot be called through "
						+ "the bean's proxy"));
	}

	static class Greeter {

		final AtomicInteger greetings = new AtomicInteger();

		@CallLater(delay = "3.5s")
		void greet() {
			this.greetings.incrementAndGet();
		}

	}

	static class Ticker {

		final AtomicInteger ticks = new AtomicInteger();

		@Looping(interval = "1s")
		void tick() {
			this.ticks.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LateStartConfiguration {

		@Bean
		VirtualTimeReactor reactor() {
			VirtualTimeReactor reactor = new VirtualTimeReactor(Instant.parse("2030-01-01T00:00:00Z"));
			reactor.busy(Duration.ofSeconds(10));
			return reactor;
		}

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	record TickerHolder(Ticker ticker) {

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeConfiguration {

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		Ticker ticker() {
			return new Ticker();
		}

		@Bean
		TickerHolder tickerHolder(Ticker ticker) {
			return new TickerHolder(ticker);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyConfiguration {

		@Bean
		@Lazy
		Greeter greeter() {
			return new Greeter();
		}

	}

	interface Counting {

		@Looping(interval = "1s")
		void tick();

		List<String> calls();

	}

	static class CountingImpl implements Counting {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void tick() {
			this.calls.add("tick");
		}

		@Override
		public List<String> calls() {
			return this.calls;
		}

	}

	interface Hidden {

	}

	static class Unreachable implements Hidden {

		@Looping(interval = "1s")
		public void hidden() {
		}

	}

	/**
	 * Wraps beans in a JDK proxy whose advice counts calls to {@code tick}; ordered first, as Spring's auto-proxy
	 * creators are.
	 */
	@Configuration(proxyBeanMethods = false)
	static class InterfaceProxyConfiguration {

		@Bean
		Counting counting() {
			return new CountingImpl();
		}

		@Bean
		static InterfaceProxies interfaceProxies() {
			return new InterfaceProxies();
		}

	}

	static class InterfaceProxies implements BeanPostProcessor, Ordered {

		final AtomicInteger advised = new AtomicInteger();

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof Counting) && !(bean instanceof Hidden)) {
				return bean;
			}
			ProxyFactory factory = new ProxyFactory(bean);
			factory.setInterfaces(bean.getClass().getInterfaces());
			factory.addAdvice((MethodInterceptor) (invocation) -> {
				if (invocation.getMethod().getName().equals("tick")) {
					this.advised.incrementAndGet();
				}
				return invocation.proceed();
			});
			return factory.getProxy();
		}

	}

}
