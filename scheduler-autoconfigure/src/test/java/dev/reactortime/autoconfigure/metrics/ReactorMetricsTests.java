package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReactorMetrics} on a {@link VirtualTimeReactor} and a {@link SimpleMeterRegistry}.
 */
class ReactorMetricsTests {

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ReactorMetrics metrics = new ReactorMetrics(this.reactor);

	ReactorMetricsTests() {
		this.metrics.bindTo(this.registry);
		this.reactor.addListener(this.metrics);
	}

	@AfterEach
	void close() {
		this.reactor.close();
	}

	@Test
	void callMadeLateByABusyCallRecordsHowLateItStarted() {
		this.reactor.callLater("a", Duration.ZERO, () -> this.reactor.busy(Duration.ofMillis(1500)));
		this.reactor.callLater("b", Duration.ofSeconds(1), () -> {
		});
		this.reactor.advance(Duration.ofSeconds(2));

		Timer lagOfB = this.registry.get(ReactorMetrics.CALL_LAG).tags("name", "b", "kind", "call").timer();
		assertThat(lagOfB.count()).isOne();
		assertThat(lagOfB.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(500);
		Timer lagOfA = this.registry.get(ReactorMetrics.CALL_LAG).tags("name", "a", "kind", "call").timer();
		assertThat(lagOfA.totalTime(TimeUnit.MILLISECONDS)).isZero();
	}

	@Test
	void successfulCallRecordsItsDurationWithOutcomeSuccessAndNoException() {
		this.reactor.callLater("report", Duration.ofSeconds(1), () -> this.reactor.busy(Duration.ofMillis(250)));
		this.reactor.advance(Duration.ofSeconds(1));

		Timer duration = this.registry.get(ReactorMetrics.CALL_DURATION)
			.tags("name", "report", "kind", "call", "outcome", "success", "exception", "none")
			.timer();
		assertThat(duration.count()).isOne();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
	}

	@Test
	void failedCallRecordsItsDurationWithOutcomeErrorAndTheExceptionsSimpleName() {
		this.reactor.callLater("fetch", Duration.ZERO, () -> {
			this.reactor.busy(Duration.ofMillis(40));
			throw new IllegalStateException("secret argument 42");
		});
		this.reactor.advance(Duration.ZERO);

		Timer duration = this.registry.get(ReactorMetrics.CALL_DURATION)
			.tags("name", "fetch", "kind", "call", "outcome", "error", "exception", "IllegalStateException")
			.timer();
		assertThat(duration.count()).isOne();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
		assertThat(this.registry.find(ReactorMetrics.CALL_DURATION).tag("outcome", "success").timers()).isEmpty();
		assertThat(this.registry.getMeters()).flatMap((meter) -> meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().contains("secret"));
	}

	@Test
	void exceptionTagOfAnAnonymousExceptionClassIsItsFullName() {
		RuntimeException anonymous = new RuntimeException() {
		};
		assertThat(ReactorMetrics.exceptionTag(anonymous)).isEqualTo(anonymous.getClass().getName());
		assertThat(ReactorMetrics.exceptionTag(null)).isEqualTo("none");
	}

	@Test
	void deferredCallsAndLoopTicksAreTaggedWithTheirKind() {
		this.reactor.deferLater(CallOptions.named("lookup"), Duration.ofSeconds(1), () -> "x");
		LoopingCall loop = this.reactor.loopingCall("tick", () -> {
		});
		loop.start(Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(1));

		assertThat(this.registry.get(ReactorMetrics.CALL_LAG).tags("name", "lookup", "kind", "deferred").timer().count())
			.isOne();
		assertThat(this.registry.get(ReactorMetrics.CALL_LAG).tags("name", "tick", "kind", "looping").timer().count())
			.isEqualTo(2);
	}

	@Test
	void pendingGaugeEqualsTheNumberOfPendingCalls() {
		List<DelayedCall> calls = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			calls.add(this.reactor.callLater(Duration.ofSeconds(i), () -> {
			}));
		}
		assertThat(pending()).isEqualTo(5);
		calls.get(4).cancel();
		assertThat(pending()).isEqualTo(4);
		this.reactor.advance(Duration.ofSeconds(2));
		assertThat(pending()).isEqualTo(2).isEqualTo(this.reactor.pendingCount());
	}

	@Test
	void pendingGaugeReadsNaNWhileTheReactorIsNotKnownYet() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReactorMetrics(() -> null).bindTo(registry);
		assertThat(registry.get(ReactorMetrics.CALLS_PENDING).gauge().value()).isNaN();
	}

	@Test
	void skippedIntervalsAreCountedPerLoop() {
		AtomicInteger calls = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall("slow", () -> {
			if (calls.incrementAndGet() == 2) {
				this.reactor.busy(Duration.ofMillis(3500));
			}
		});
		loop.start(Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(10));

		double skipped = this.registry.get(ReactorMetrics.LOOPING_SKIPPED).tags("name", "slow").counter().count();
		assertThat(skipped).isEqualTo(3).isEqualTo(loop.stats().skipped());
	}

	@Test
	void cancelledCallsAreCountedByKind() {
		this.reactor.callLater(Duration.ofSeconds(1), () -> {
		}).cancel();
		CompletableFuture<Void> deferred = this.reactor.deferLater(Duration.ofSeconds(1));
		deferred.cancel(false);
		LoopingCall loop = this.reactor.loopingCall(() -> {
		});
		loop.start(Duration.ofSeconds(1), false);
		loop.stop();

		assertThat(cancelled("call")).isOne();
		assertThat(cancelled("deferred")).isOne();
		assertThat(cancelled("looping")).isOne();
	}

	@Test
	void callsThatRunAreNotCountedAsCancelled() {
		this.reactor.callLater(Duration.ofSeconds(1), () -> {
		});
		this.reactor.advance(Duration.ofSeconds(1));
		assertThat(cancelled("call")).isZero();
	}

	@Test
	void unnamedCallsShareOneMeterInsteadOfOnePerCall() {
		for (int i = 0; i < 1000; i++) {
			this.reactor.callLater(Duration.ofMillis(i), () -> {
			});
		}
		this.reactor.advance(Duration.ofSeconds(1));

		assertThat(this.registry.find(ReactorMetrics.CALL_LAG).timers()).singleElement().satisfies((timer) -> {
			assertThat(timer.getId().getTag("name")).isEqualTo("unnamed");
			assertThat(timer.count()).isEqualTo(1000);
		});
		assertThat(this.registry.find(ReactorMetrics.CALL_DURATION).timers()).hasSize(1);
	}

	@Test
	void metersAreBuiltOncePerNameAndKindAndThenCached() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AtomicInteger registrations = new AtomicInteger();
		registry.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getName().startsWith("reactortime.call.")) {
					registrations.incrementAndGet();
				}
				return id;
			}
		});
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		ReactorMetrics metrics = new ReactorMetrics(reactor);
		metrics.bindTo(registry);
		reactor.addListener(metrics);
		for (int i = 0; i < 100; i++) {
			reactor.callLater("same", Duration.ofMillis(i), () -> {
			});
		}
		reactor.advance(Duration.ofSeconds(1));

		// The lag timer and the success timer, each registered once for 100 calls.
		assertThat(registrations).hasValue(2);
		reactor.close();
	}

	@Test
	void bindingTwiceToOneRegistryRecordsOnce() {
		this.metrics.bindTo(this.registry);
		this.reactor.callLater("once", Duration.ZERO, () -> {
		});
		this.reactor.advance(Duration.ZERO);
		assertThat(this.registry.get(ReactorMetrics.CALL_LAG).tag("name", "once").timer().count()).isOne();
	}

	@Test
	void eventsBeforeBindingAreNotRecordedAndDoNotFail() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		ReactorMetrics metrics = new ReactorMetrics(reactor);
		reactor.addListener(metrics);
		reactor.callLater(Duration.ZERO, () -> {
		});
		reactor.advance(Duration.ZERO);
		MeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		assertThat(registry.find(ReactorMetrics.CALL_LAG).timers()).isEmpty();
		reactor.close();
	}

	@Test
	void everyMeterHasADescriptionAndCountersAndTheGaugeHaveABaseUnit() {
		this.reactor.callLater(Duration.ZERO, () -> {
		}).cancel();
		LoopingCall loop = this.reactor.loopingCall("slow", () -> this.reactor.busy(Duration.ofMillis(1500)));
		loop.start(Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(2));

		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains(ReactorMetrics.CALL_LAG, ReactorMetrics.CALL_DURATION, ReactorMetrics.CALLS_PENDING,
					ReactorMetrics.CALLS_CANCELLED, ReactorMetrics.LOOPING_SKIPPED, ReactorMetrics.REACTOR_BLOCKED);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> {
			assertThat(meter.getId().getDescription()).isNotBlank();
			assertThat(meter.getId().getBaseUnit()).isNotBlank();
		});
	}

	@Test
	void watchdogReportsOfTheRealTimeReactorAreCounted() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (Reactor reactor = Reactor.builder()
			.threadName("metrics-watchdog-test")
			.watchdogThreshold(Duration.ofMillis(50))
			.build()) {
			ReactorMetrics metrics = new ReactorMetrics(reactor);
			metrics.bindTo(registry);
			reactor.addListener(metrics);
			reactor.start();
			reactor.callLater("sleepy", Duration.ZERO, () -> sleep(Duration.ofMillis(400)));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get(ReactorMetrics.REACTOR_BLOCKED).counter().count())
					.isOne());
		}
	}

	@Test
	void closeRemovesEveryMeterFromEveryRegistryAndRecordsNoMore() {
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.metrics.bindTo(second);
		this.reactor.callLater("fine", Duration.ZERO, () -> {
		});
		this.reactor.callLater("fails", Duration.ZERO, () -> {
			throw new IllegalStateException("on purpose");
		});
		LoopingCall loop = this.reactor.loopingCall("late-loop", () -> this.reactor.busy(Duration.ofSeconds(3)));
		loop.start(Duration.ofSeconds(1));
		this.reactor.advance(Duration.ofSeconds(1));
		loop.stop();
		for (MeterRegistry registry : List.of(this.registry, second)) {
			assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.contains(ReactorMetrics.CALL_LAG, ReactorMetrics.CALL_DURATION, ReactorMetrics.CALLS_PENDING,
						ReactorMetrics.CALLS_CANCELLED, ReactorMetrics.LOOPING_SKIPPED, ReactorMetrics.REACTOR_BLOCKED);
		}

		this.metrics.close();
		this.reactor.callLater("after", Duration.ZERO, () -> {
		});
		this.reactor.advance(Duration.ZERO);

		// Nothing of the reactor is left (the pending gauge held it): a registry may outlive it.
		assertThat(this.registry.getMeters()).isEmpty();
		assertThat(second.getMeters()).isEmpty();
	}

	private double pending() {
		return this.registry.get(ReactorMetrics.CALLS_PENDING).gauge().value();
	}

	private double cancelled(String kind) {
		return this.registry.get(ReactorMetrics.CALLS_CANCELLED).tags("kind", kind).counter().count();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
