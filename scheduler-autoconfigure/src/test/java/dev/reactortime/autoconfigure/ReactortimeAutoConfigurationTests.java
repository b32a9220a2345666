package dev.reactortime.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reactortime.DelayedCall;
import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;
import dev.reactortime.ShutdownMode;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ReactortimeAutoConfiguration}.
 */
class ReactortimeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class));

	@Test
	void reactorIsStartedWithTheContextAndClosedWithIt() {
		Reactor[] reactor = new Reactor[1];
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Reactor.class)
				.hasSingleBean(ReactortimeAnnotationBeanPostProcessor.class)
				.doesNotHaveBean(VirtualTimeReactor.class);
			reactor[0] = context.getBean(Reactor.class);
			assertThat(reactor[0].isRunning()).isTrue();
		});
		assertThat(reactor[0].isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> reactor[0].callLater(Duration.ZERO, () -> {
		}));
	}

	@Test
	void reactorThreadTakesItsNameAndDaemonFlagFromProperties() {
		this.contextRunner.withPropertyValues("reactortime.thread.name=rt-props-test", "reactortime.thread.daemon=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(Reactor.class);
				Thread thread = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((candidate) -> candidate.getName().equals("rt-props-test"))
					.findFirst()
					.orElseThrow();
				assertThat(thread.isDaemon()).isTrue();
			});
	}

	@Test
	void reactorBacksOffWhenTheApplicationDefinesOneAndStartsAndClosesThatOne() {
		this.contextRunner.withUserConfiguration(UserReactorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Reactor.class);
			Reactor reactor = context.getBean(Reactor.class);
			assertThat(reactor).isSameAs(context.getBean("userReactor"));
			assertThat(reactor.isRunning()).isTrue();
			context.close();
			assertThat(reactor.isRunning()).isFalse();
		});
	}

	@Test
	void virtualTimeGivesAVirtualTimeReactorThatIsAlsoTheReactor() {
		this.contextRunner.withPropertyValues("reactortime.virtual-time=true").run((context) -> {
			assertThat(context).hasSingleBean(VirtualTimeReactor.class);
			assertThat(context.getBean(Reactor.class)).isSameAs(context.getBean(VirtualTimeReactor.class));
		});
	}

	@Test
	void disabledTurnsOffTheReactorThePostProcessorAndTheAnnotations() {
		this.contextRunner.withPropertyValues("reactortime.enabled=false")
			.withUserConfiguration(AnnotatedBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(Reactor.class)
					.doesNotHaveBean(ReactortimeAnnotationBeanPostProcessor.class)
					.doesNotHaveBean(ReactortimeProperties.class);
				assertThat(context.getBean(AnnotatedBean.class).ticks).isZero();
			});
	}

	@Test
	void worksWithoutMicrometerAndActuatorOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.actuate"))
			.withPropertyValues("reactortime.virtual-time=true")
			.withUserConfiguration(AnnotatedBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Reactor.class);
				context.getBean(VirtualTimeReactor.class).advance(Duration.ofSeconds(2));
				assertThat(context.getBean(AnnotatedBean.class).ticks).isEqualTo(3);
			});
	}

	@Test
	void reactorListenerBeansHearTheAutoConfiguredReactor() {
		this.contextRunner.withPropertyValues("reactortime.virtual-time=true")
			.withUserConfiguration(ListenerConfiguration.class)
			.run((context) -> {
				context.getBean(Reactor.class).callLater("listened", Duration.ofSeconds(1), () -> {
				});
				assertThat(context.getBean(RecordingListener.class).scheduled).containsExactly("listened");
			});
	}

	@Test
	void reactorListenerBeansHearTheApplicationsOwnReactorToo() {
		this.contextRunner.withUserConfiguration(UserReactorConfiguration.class, ListenerConfiguration.class)
			.run((context) -> {
				context.getBean(Reactor.class).callLater("own", Duration.ofSeconds(1), () -> {
				});
				assertThat(context.getBean(RecordingListener.class).scheduled).containsExactly("own");
			});
	}

	@Test
	void negativeGracePeriodFailsStartupWithAMessageNamingTheProperty() {
		this.contextRunner.withPropertyValues("reactortime.shutdown.grace-period=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Binding validation errors on reactortime")
				.hasMessageContaining("field 'shutdown.grace-period': rejected value [PT-1S]")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void negativeWatchdogThresholdFailsStartup() {
		this.contextRunner.withPropertyValues("reactortime.watchdog.threshold=-5ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("watchdog.threshold")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void spinLongerThanOneSecondFailsStartup() {
		this.contextRunner.withPropertyValues("reactortime.spin=2s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spin")
				.hasMessageContaining("must be at most 1s");
		});
	}

	@Test
	void blankThreadNameFailsStartup() {
		this.contextRunner.withPropertyValues("reactortime.thread.name= ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("thread.name")
				.hasMessageContaining("must not be blank");
		});
	}

	@Test
	void shutdownModeAndGracePeriodBindFromProperties() {
		this.contextRunner.withPropertyValues("reactortime.shutdown.mode=drain", "reactortime.shutdown.grace-period=2s")
			.run((context) -> {
				ReactortimeProperties properties = context.getBean(ReactortimeProperties.class);
				assertThat(properties.getShutdown().getMode()).isEqualTo(ShutdownMode.DRAIN);
				assertThat(properties.getShutdown().getGracePeriod()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserReactorConfiguration {

		@Bean
		Reactor userReactor() {
			return Reactor.builder().threadName("user-reactor").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedBeanConfiguration {

		@Bean
		AnnotatedBean annotatedBean() {
			return new AnnotatedBean();
		}

	}

	static class AnnotatedBean {

		volatile int ticks;

		@Looping(interval = "1s")
		void tick() {
			this.ticks++;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	static class RecordingListener implements ReactorListener {

		final List<String> scheduled = new CopyOnWriteArrayList<>();

		@Override
		public void scheduled(DelayedCall call) {
			this.scheduled.add(call.name());
		}

	}

}
