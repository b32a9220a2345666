package dev.reactortime.autoconfigure.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.Reactor;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * DESIGN §6 at the level of a Spring application using the starter: start and close it a hundred times without
 * leaking a thread or heap, close it quickly with a hundred thousand calls pending, and refuse bad properties at
 * startup.
 */
class ContextLifecycleReliabilityTests {

	@Test
	void startingAndClosingTheContextAHundredTimesLeaksNoThreadAndNoHeap() {
		long threadsAfterFirst = 0;
		long heapAfterFirst = 0;
		for (int cycle = 1; cycle <= 100; cycle++) {
			try (ConfigurableApplicationContext context = start("reactortime.thread.name=leak-check-reactor")) {
				Reactor reactor = context.getBean(Reactor.class);
				for (int i = 0; i < 1000; i++) {
					reactor.callLater(Duration.ofMinutes(10), () -> {
					});
				}
				assertThat(reactor.isRunning()).isTrue();
			}
			if (cycle == 1 || cycle == 100) {
				long threads = liveThreads();
				long heap = heapAfterGc();
				if (cycle == 1) {
					threadsAfterFirst = threads;
					heapAfterFirst = heap;
				}
				else {
					System.out.printf("100 context cycles: threads %d -> %d, heap after GC %.1f MB -> %.1f MB%n",
							threadsAfterFirst, threads, heapAfterFirst / 1e6, heap / 1e6);
					assertThat(threads).isLessThanOrEqualTo(threadsAfterFirst);
					// Soft references are cleared at each GC in this module's tests (see its pom), so the heap after GC
					// is what is reachable: flat, give or take the caches warmed by the first cycles.
					assertThat(heap).isLessThan(heapAfterFirst + heapAfterFirst / 10 + 4_000_000);
				}
			}
			assertThat(threadsNamed("leak-check-reactor")).isEmpty();
			assertThat(threadsNamed("leak-check-reactor-watchdog")).isEmpty();
		}
	}

	@Test
	void closingAContextWithAHundredThousandPendingCallsTakesUnderOneSecond() {
		ConfigurableApplicationContext context = start("reactortime.thread.name=crowded-reactor");
		Reactor reactor = context.getBean(Reactor.class);
		AtomicInteger ran = new AtomicInteger();
		for (int i = 0; i < 100_000; i++) {
			reactor.callLater(Duration.ofMinutes(1).plusMillis(i), ran::incrementAndGet);
		}
		assertThat(reactor.pendingCount()).isGreaterThanOrEqualTo(100_000);
		long began = System.nanoTime();
		context.close();
		Duration took = Duration.ofNanos(System.nanoTime() - began);
		System.out.println("closing with 100,000 pending calls took " + took.toMillis() + " ms");
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		assertThat(reactor.pendingCount()).isZero();
		assertThat(ran).hasValue(0);
		assertThat(threadsNamed("crowded-reactor")).isEmpty();
	}

	@Test
	void aNegativeGracePeriodFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> start("reactortime.shutdown.grace-period=-1s").close())
			.satisfies((ex) -> assertThat(allMessages(ex)).contains("shutdown.grace-period").contains("negative"));
		assertThat(threadsNamed("reactortime")).isEmpty();
	}

	@Test
	void anUnparseableDurationPropertyFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> start("reactortime.watchdog.threshold=soon").close())
			.satisfies((ex) -> assertThat(allMessages(ex)).contains("reactortime.watchdog.threshold").contains("soon"));
	}

	private static String allMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(LeakCheckApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	private static long liveThreads() {
		// Threads end asynchronously after join() returns to close(); give stragglers a moment.
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		long count = Thread.activeCount();
		while (System.nanoTime() < deadline && !threadsNamed("leak-check-reactor").isEmpty()) {
			Thread.onSpinWait();
		}
		return Math.min(count, Thread.activeCount());
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static List<Thread> threadsNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name) && t.isAlive()).toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LeakCheckApplication {

		@Bean
		Ticker ticker() {
			return new Ticker();
		}

	}

	static class Ticker {

		final AtomicInteger ticks = new AtomicInteger();

		@Looping(interval = "10ms")
		void tick() {
			this.ticks.incrementAndGet();
		}

		@CallLater(delay = "1h")
		void much_later() {
		}

	}

}
