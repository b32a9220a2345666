package dev.reactortime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What only the real-time reactor has: a real thread, real time, start and close, the watchdog, executors.
 * Timing bounds here are generous on purpose: these tests prove that time passes and threads end, not precision
 * (the lag benchmark measures that).
 */
class EventLoopReactorTests {

	private final List<Reactor> reactors = new CopyOnWriteArrayList<>();

	private Reactor create(ReactorBuilder builder) {
		Reactor reactor = builder.daemon(true).build();
		this.reactors.add(reactor);
		return reactor;
	}

	@AfterEach
	void closeAll() {
		this.reactors.forEach(Reactor::close);
	}

	@Test
	void aCallRunsOnTheReactorThreadNoEarlierThanItsDelay() throws Exception {
		Reactor reactor = create(Reactor.builder().threadName("timer-under-test"));
		reactor.start();
		long scheduledAt = System.nanoTime();
		CompletableFuture<String> ran = reactor.deferLater(Duration.ofMillis(50),
				() -> Thread.currentThread().getName() + ":" + (System.nanoTime() - scheduledAt));
		String[] result = ran.get(10, TimeUnit.SECONDS).split(":");
		assertThat(result[0]).isEqualTo("timer-under-test");
		assertThat(Long.parseLong(result[1])).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
	}

	@Test
	void theReactorThreadNarrowsItsOwnTimerSlackAndNoOtherThreads() throws Exception {
		assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux with /proc/thread-self");
		String before = timerSlackOfThisThread();
		Reactor reactor = create(Reactor.builder());
		reactor.start();
		String reactorSlack = reactor.deferLater(Duration.ZERO, EventLoopReactorTests::timerSlackOfThisThread)
			.get(10, TimeUnit.SECONDS);
		assertThat(reactorSlack).isEqualTo(Long.toString(TimerSlack.REACTOR_SLACK_NANOS));
		assertThat(timerSlackOfThisThread()).isEqualTo(before);
	}

	private static String timerSlackOfThisThread() {
		try {
			String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
			return Files.readString(Path.of("/proc", tid, "timerslack_ns")).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void callsScheduledBeforeStartWaitForIt() {
		ManualTicker ticker = new ManualTicker();
		Reactor reactor = create(Reactor.builder().ticker(ticker));
		List<String> log = new CopyOnWriteArrayList<>();
		reactor.callLater(Duration.ofMillis(30), () -> log.add("c"));
		reactor.callLater(Duration.ofMillis(10), () -> log.add("a"));
		reactor.callLater(Duration.ofMillis(20), () -> log.add("b"));
		assertThat(reactor.getDelayedCalls()).hasSize(3);
		ticker.add(Duration.ofMillis(100));
		assertThat(log).isEmpty();
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> log.size() == 3);
		assertThat(log).containsExactly("a", "b", "c");
	}

	@Test
	void aLoopTicksInRealTimeUntilClosedAndTheThreadEnds() {
		Reactor reactor = create(Reactor.builder().threadName("ticking-reactor"));
		AtomicInteger ticks = new AtomicInteger();
		reactor.loopingCall(ticks::incrementAndGet).start(Duration.ofMillis(20));
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 3);
		reactor.close();
		int after = ticks.get();
		assertThat(threadsNamed("ticking-reactor")).isEmpty();
		assertThat(ticks).hasValue(after);
	}

	@Test
	void closeFromInsideACallStopsTheReactorAfterThatCall() {
		Reactor reactor = create(Reactor.builder().threadName("self-stopping"));
		List<String> log = new CopyOnWriteArrayList<>();
		reactor.callLater(Duration.ofMillis(1), () -> {
			log.add("stopping");
			reactor.close();
			log.add("still inside");
		});
		reactor.callLater(Duration.ofMillis(1), () -> log.add("never"));
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed("self-stopping").isEmpty());
		assertThat(log).containsExactly("stopping", "still inside");
		assertThat(reactor.isRunning()).isFalse();
	}

	@Test
	void drainModeRunsTheCallsDueWithinTheGracePeriodAndCancelsTheRest() {
		ManualTicker ticker = new ManualTicker();
		Reactor reactor = create(Reactor.builder()
			.ticker(ticker)
			.shutdownMode(ShutdownMode.DRAIN)
			.gracePeriod(Duration.ofSeconds(5)));
		List<String> log = new CopyOnWriteArrayList<>();
		AtomicInteger cancelled = new AtomicInteger();
		reactor.addListener(new ReactorListener() {
			@Override
			public void cancelled(DelayedCall call) {
				cancelled.incrementAndGet();
			}
		});
		reactor.callLater(Duration.ZERO, () -> log.add("due"));
		reactor.callLater(Duration.ofSeconds(3), () -> log.add("within grace"));
		DelayedCall beyond = reactor.callLater(Duration.ofSeconds(60), () -> log.add("beyond grace"));
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> log.size() == 1);
		Thread closer = new Thread(reactor::close);
		closer.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.WAITING);
		ticker.add(Duration.ofSeconds(3));
		await().atMost(Duration.ofSeconds(10)).until(() -> !closer.isAlive());
		assertThat(log).containsExactly("due", "within grace");
		assertThat(beyond.active()).isFalse();
		assertThat(cancelled).hasValue(1);
	}

	@Test
	void closingWithAHundredThousandPendingCallsCancelsThemAll() {
		Reactor reactor = create(Reactor.builder());
		reactor.start();
		AtomicInteger cancelled = new AtomicInteger();
		reactor.addListener(new ReactorListener() {
			@Override
			public void cancelled(DelayedCall call) {
				cancelled.incrementAndGet();
			}
		});
		Runnable never = () -> {
			throw new AssertionError("must not run");
		};
		for (int i = 0; i < 100_000; i++) {
			reactor.callLater(Duration.ofHours(1).plusMillis(i), never);
		}
		reactor.close();
		assertThat(cancelled).hasValue(100_000);
		assertThat(reactor.pendingCount()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> reactor.callLater(Duration.ZERO, never));
		assertThatIllegalStateException().isThrownBy(reactor::start).withMessageContaining("closed");
	}

	@Test
	void theWatchdogReportsABlockingCallOnceWithItsNameAndStack() {
		Reactor reactor = create(Reactor.builder().watchdogThreshold(Duration.ofMillis(100)));
		List<String> reports = new CopyOnWriteArrayList<>();
		reactor.addListener(new ReactorListener() {
			@Override
			public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
				boolean inSleepingMethod = List.of(stackTrace)
					.stream()
					.anyMatch((frame) -> frame.getMethodName().contains("sleepyCall"));
				reports.add(call.name() + ":" + inSleepingMethod + ":" + (blockedFor.toMillis() >= 100));
			}
		});
		AtomicInteger after = new AtomicInteger();
		reactor.callLater("sleepy", Duration.ZERO, EventLoopReactorTests::sleepyCall);
		reactor.callLater(Duration.ofMillis(1), after::incrementAndGet);
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> after.get() == 1);
		assertThat(reports).containsExactly("sleepy:true:true");
	}

	private static void sleepyCall() {
		try {
			Thread.sleep(600);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aCallWithAnExecutorRunsThereAndKeepsTheReactorFree() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable, "blocking-pool"));
		try {
			Reactor reactor = create(Reactor.builder());
			reactor.start();
			CountDownLatch release = new CountDownLatch(1);
			AtomicReference<String> ranOn = new AtomicReference<>();
			reactor.callLater(CallOptions.named("blocking").withExecutor(pool), Duration.ZERO, () -> {
				ranOn.set(Thread.currentThread().getName());
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			// While the pool is blocked, the reactor still runs its own calls.
			assertThat(reactor.deferLater(Duration.ofMillis(5), () -> "free").get(10, TimeUnit.SECONDS)).isEqualTo("free");
			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> ranOn.get() != null);
			assertThat(ranOn.get()).isEqualTo("blocking-pool");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aLoopOnAnExecutorWaitsForEachCallBeforeTheNext() {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Reactor reactor = create(Reactor.builder());
			reactor.start();
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger overlaps = new AtomicInteger();
			AtomicInteger calls = new AtomicInteger();
			LoopingCall loop = reactor.loopingCall(CallOptions.named("pooled").withExecutor(pool), () -> {
				if (inside.incrementAndGet() > 1) {
					overlaps.incrementAndGet();
				}
				sleepQuietly(15);
				calls.incrementAndGet();
				inside.decrementAndGet();
			});
			loop.start(Duration.ofMillis(1));
			await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 5);
			loop.stop();
			assertThat(overlaps).hasValue(0);
			assertThat(loop.stats().skipped()).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anOutOfMemoryErrorInACallIsRethrownAndEndsTheReactor() {
		Reactor reactor = create(Reactor.builder().threadName("doomed-reactor"));
		AtomicReference<Throwable> uncaught = new AtomicReference<>();
		reactor.callLater(Duration.ZERO, () -> {
			Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> uncaught.set(ex));
			throw new OutOfMemoryError("simulated");
		});
		reactor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> uncaught.get() != null);
		assertThat(uncaught.get()).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
		assertThat(reactor.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> reactor.callLater(Duration.ZERO, () -> {
		}));
	}

	@Test
	void aListenerThatThrowsDoesNotStopTheCall() {
		Reactor reactor = create(Reactor.builder());
		reactor.addListener(new ReactorListener() {
			@Override
			public void started(DelayedCall call, long lagNanos) {
				throw new IllegalStateException("broken listener");
			}
		});
		reactor.start();
		assertThat(reactor.deferLater(Duration.ZERO, () -> "ran").join()).isEqualTo("ran");
	}

	@Test
	void anIdleReactorDoesNotWakeUp() throws Exception {
		Reactor reactor = create(Reactor.builder().threadName("idle-reactor"));
		reactor.callLater(Duration.ofHours(1), () -> {
		});
		reactor.start();
		reactor.deferLater(Duration.ZERO).get(10, TimeUnit.SECONDS);
		Thread thread = threadsNamed("idle-reactor").get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING
				|| thread.getState() == Thread.State.TIMED_WAITING);
		long before = ProcStatus.voluntaryContextSwitches(thread);
		sleepQuietly(300);
		long after = ProcStatus.voluntaryContextSwitches(thread);
		if (before >= 0) {
			assertThat(after - before).isLessThanOrEqualTo(1);
		}
	}

	static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static List<Thread> threadsNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name) && t.isAlive()).toList();
	}

}
