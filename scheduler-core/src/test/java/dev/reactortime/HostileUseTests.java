package dev.reactortime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The real-time reactor used in ways that broke it: interrupt flags left behind, executors that refuse work,
 * snapshots taken while calls move, absurd settings, {@code close()} from the watchdog's own thread.
 */
class HostileUseTests {

	@Test
	void aCallThatRestoresTheInterruptFlagDoesNotMakeTheIdleReactorSpin() throws Exception {
		EventLoopReactor reactor = (EventLoopReactor) Reactor.builder().daemon(true).threadName("interrupted").build();
		try {
			reactor.start();
			CompletableFuture<Long> threadId = reactor.deferLater(Duration.ZERO, () -> {
				Thread.currentThread().interrupt(); // what "catch (InterruptedException e) { interrupt(); }" leaves
				return Thread.currentThread().getId();
			});
			long id = threadId.get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(reactor::isParked);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long cpuBefore = threads.getThreadCpuTime(id);
			long wallBefore = System.nanoTime();
			Thread.sleep(300); // real time is the point: an idle reactor must burn none of it
			long cpu = threads.getThreadCpuTime(id) - cpuBefore;
			long wall = System.nanoTime() - wallBefore;
			assertThat(cpu).as("CPU used by the idle reactor thread in %d ms", wall / 1_000_000)
				.isLessThan(Duration.ofMillis(50).toNanos());
			assertThat(reactor.deferLater(Duration.ofMillis(1), () -> "still works").get(10, TimeUnit.SECONDS))
				.isEqualTo("still works");
		}
		finally {
			reactor.close();
		}
	}

	@Test
	void aProducerStalledInTheInboxDoesNotMakeTheReactorSpin() throws Exception {
		EventLoopReactor reactor = (EventLoopReactor) Reactor.builder().daemon(true).threadName("stalled").build();
		long stalled = -1;
		try {
			reactor.start();
			long id = reactor.deferLater(Duration.ZERO, () -> Thread.currentThread().getId()).get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(reactor::isParked);
			// A producer preempted between taking its index and storing its element; a call offered after it is
			// hidden behind it, and its wake-up makes the reactor look.
			stalled = reactor.inbox.claim();
			CountDownLatch ran = new CountDownLatch(2);
			reactor.callLater(Duration.ZERO, ran::countDown);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long cpuBefore = threads.getThreadCpuTime(id);
			long wallBefore = System.nanoTime();
			Thread.sleep(300); // real time is the point: the reactor must sleep through the stall, not spin on it
			long cpu = threads.getThreadCpuTime(id) - cpuBefore;
			long wall = System.nanoTime() - wallBefore;
			assertThat(ran.getCount()).as("nothing behind the stalled producer runs before it stores").isEqualTo(2);
			assertThat(cpu).as("CPU used by the reactor thread in %d ms of a stalled producer", wall / 1_000_000)
				.isLessThan(wall / 2);
			reactor.inbox.publish(stalled, (Runnable) ran::countDown); // no wake-up: the reactor looks again soon
			stalled = -1;
			assertThat(ran.await(10, TimeUnit.SECONDS)).as("the stalled element and the call behind it ran").isTrue();
		}
		finally {
			if (stalled >= 0) {
				reactor.inbox.publish(stalled, (Runnable) () -> { }); // close() waits for every taken index
			}
			reactor.close();
		}
	}

	@Test
	void deferLaterOnAnExecutorThatRejectsFailsItsFutureWithTheRejection() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		executor.shutdown();
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		CompletableFuture<String> future = reactor.deferLater(CallOptions.named("rejected").withExecutor(executor),
				Duration.ofSeconds(1), () -> "never");
		reactor.advance(Duration.ofSeconds(1));
		assertThat(future).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(1, TimeUnit.SECONDS))
			.withCauseInstanceOf(RejectedExecutionException.class);
	}

	@Test
	void getDelayedCallsIsConsistentWhileAnotherThreadMovesCalls() throws Exception {
		Reactor reactor = Reactor.builder().daemon(true).threadName("snapshots").build();
		try {
			reactor.start();
			List<DelayedCall> calls = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				calls.add(reactor.callLater(Duration.ofHours(1).plusMillis(i), () -> {
				}));
			}
			AtomicBoolean stop = new AtomicBoolean();
			AtomicReference<Throwable> moverFailure = new AtomicReference<>();
			Thread mover = new Thread(() -> {
				try {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (!stop.get()) {
						calls.get(random.nextInt(calls.size())).delay(Duration.ofMillis(random.nextInt(-500, 500)));
					}
				}
				catch (Throwable ex) {
					moverFailure.set(ex);
				}
			});
			mover.start();
			try {
				for (int i = 0; i < 300; i++) {
					List<DelayedCall> snapshot = reactor.getDelayedCalls();
					assertThat(snapshot).hasSize(2_000);
				}
			}
			finally {
				stop.set(true);
				mover.join();
			}
			assertThat(moverFailure.get()).isNull();
		}
		finally {
			reactor.close();
		}
	}

	@Test
	void hugeWatchdogThresholdsSaturateInsteadOfOverflowing() {
		Reactor reactor = Reactor.builder().watchdogThreshold(Duration.ofSeconds(Long.MAX_VALUE)).daemon(true).build();
		reactor.start();
		reactor.close();
		assertThat(reactor.isRunning()).isFalse();
	}

	@Test
	void closeFromInsideAWatchdogListenerReturnsWithoutStalling() throws Exception {
		Reactor reactor = Reactor.builder().daemon(true).threadName("watched")
			.watchdogThreshold(Duration.ofMillis(20)).build();
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Long> closeTook = new CompletableFuture<>();
		reactor.addListener(new ReactorListener() {
			@Override
			public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
				release.countDown();
				long start = System.nanoTime();
				reactor.close();
				closeTook.complete(System.nanoTime() - start);
			}
		});
		reactor.start();
		reactor.callLater(Duration.ZERO, () -> {
			try {
				release.await(10, TimeUnit.SECONDS);
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		long nanos = closeTook.get(10, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(nanos)).as("close() from the watchdog's listener")
			.isLessThan(Duration.ofMillis(500));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch((t) -> t.getName().startsWith("watched")));
	}

}
