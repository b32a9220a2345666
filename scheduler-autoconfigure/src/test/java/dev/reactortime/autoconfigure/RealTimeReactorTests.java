package dev.reactortime.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured reactor on real time, where real time is the point: a loop ticks on its own thread, and
 * closing the context ends the loop and the thread. Bounds are generous; nothing here asserts a precise time.
 */
class RealTimeReactorTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class));

	@Test
	void loopTicksAndStopsWhenTheContextClosesLeavingNoReactorThread() {
		this.contextRunner.withPropertyValues("reactortime.thread.name=rt-loop-test")
			.withBean("fastTicker", FastTicker.class)
			.run((context) -> {
				FastTicker ticker = context.getBean(FastTicker.class);
				Reactor reactor = context.getBean(Reactor.class);
				await().atMost(PATIENCE).until(() -> ticker.ticks.get() >= 3);
				assertThat(threadsNamed("rt-loop-test")).hasSize(1);
				context.close();
				assertThat(reactor.isRunning()).isFalse();
				assertThat(reactor.getLoopingCalls()).noneMatch(LoopingCall::isRunning);
				await().atMost(PATIENCE).until(() -> threadsNamed("rt-loop-test").isEmpty());
			});
	}

	@Test
	void drainModeRunsCallsDueWithinTheGracePeriodWhenTheContextCloses() {
		this.contextRunner
			.withPropertyValues("reactortime.shutdown.mode=drain", "reactortime.shutdown.grace-period=30s",
					"reactortime.thread.name=rt-drain-test")
			.withBean("latecomer", Latecomer.class)
			.run((context) -> {
				Latecomer latecomer = context.getBean(Latecomer.class);
				context.close();
				assertThat(latecomer.calls.get()).isOne();
				assertThat(threadsNamed("rt-drain-test")).isEmpty();
			});
	}

	private static List<Thread> threadsNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> thread.getName().equals(name)).toList();
	}

	static class FastTicker {

		final AtomicInteger ticks = new AtomicInteger();

		@Looping(interval = "20ms")
		void tick() {
			this.ticks.incrementAndGet();
		}

	}

	static class Latecomer {

		final AtomicInteger calls = new AtomicInteger();

		@CallLater(delay = "200ms")
		void arrive() {
			this.calls.incrementAndGet();
		}

	}

}
