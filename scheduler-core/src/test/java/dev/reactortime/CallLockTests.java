package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock SPI ({@link CallLock}): locked loops anchored to the wall clock, skipped runs counted and heard, a failing
 * store logged once per outage, and the lock never taken on the reactor thread. Mostly on virtual time with a direct
 * executor; the threading tests on the real reactor.
 */
class CallLockTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler capture = new Handler() {
		@Override
		public void publish(LogRecord record) {
			CallLockTests.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}
	};

	private final Logger reactorLogger = Logger.getLogger(Reactor.class.getName());

	private boolean useParentHandlers;

	@BeforeEach
	void captureTheReactorsLog() {
		this.useParentHandlers = this.reactorLogger.getUseParentHandlers();
		this.reactorLogger.setUseParentHandlers(false);
		this.reactorLogger.addHandler(this.capture);
	}

	@AfterEach
	void restoreTheLog() {
		this.reactorLogger.removeHandler(this.capture);
		this.reactorLogger.setUseParentHandlers(this.useParentHandlers);
	}

	@Test
	void aLockedLoopAnchorsItsGridAtTheNextMultipleOfItsIntervalSinceTheEpoch() {
		VirtualTimeReactor reactor = new VirtualTimeReactor(Instant.EPOCH.plusMillis(10_300));
		LoopingCall loop = reactor.loopingCall(CallOptions.named("tick").withLock(new TestLock("tick")), () -> {
		});
		loop.start(SECOND);
		assertThat(loop.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(11));
		reactor.advance(Duration.ofMillis(699));
		assertThat(loop.callCount()).isZero();
		reactor.advance(Duration.ofMillis(1));
		assertThat(loop.callCount()).isOne();
		assertThat(loop.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(12));
		assertThat(loop.lockName()).isEqualTo("tick");
	}

	@Test
	void aLockedLoopStartedWithoutNowSkipsTheFirstGridPointAndResetAnchorsAgain() {
		VirtualTimeReactor reactor = new VirtualTimeReactor(Instant.EPOCH.plusMillis(400));
		LoopingCall loop = reactor.loopingCall(CallOptions.named("tick").withLock(new TestLock("tick")), () -> {
		});
		loop.start(SECOND, false);
		assertThat(loop.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(2));
		reactor.advance(Duration.ofMillis(800)); // 1.2 s
		loop.reset();
		assertThat(loop.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(2));
		reactor.advance(Duration.ofMillis(800)); // 2.0 s: on a grid point, so a reset goes to the next one
		loop.reset();
		assertThat(loop.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(3));
	}

	@Test
	void ticksWhoseLockIsHeldElsewhereAreSkippedCountedAndHeard() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		TestLock lock = new TestLock("report");
		Heard heard = new Heard();
		reactor.addListener(heard);
		AtomicInteger bodies = new AtomicInteger();
		LoopingCall loop = reactor.loopingCall(CallOptions.named("report").withLock(lock), bodies::incrementAndGet);
		loop.start(SECOND);
		reactor.advance(Duration.ofSeconds(2)); // ticks at 0, 1, 2
		lock.heldElsewhere = true;
		reactor.advance(Duration.ofSeconds(3)); // 3, 4, 5
		lock.heldElsewhere = false;
		reactor.advance(Duration.ofSeconds(2)); // 6, 7
		assertThat(bodies).hasValue(5);
		assertThat(loop.stats().calls()).isEqualTo(5);
		assertThat(loop.stats().lockedOut()).isEqualTo(3);
		assertThat(loop.stats().skipped()).isZero();
		assertThat(heard.lockedOut).hasSize(3).allMatch((reason) -> reason.equals("held"));
		assertThat(heard.started).isEqualTo(5);
		assertThat(lock.taken).isEqualTo(5);
		assertThat(lock.released).isEqualTo(5);
		assertThat(lock.holding).as("bodies ran inside the lease").isEqualTo(5);
	}

	@Test
	void aFailingStoreSkipsTicksAsErrorsLogsOncePerOutageAndTheLoopResumes() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		TestLock lock = new TestLock("report");
		Heard heard = new Heard();
		reactor.addListener(heard);
		LoopingCall loop = reactor.loopingCall(CallOptions.named("report").withLock(lock), () -> {
		});
		loop.start(SECOND);
		reactor.advance(Duration.ZERO);
		lock.failure = new IllegalStateException("database is down");
		reactor.advance(Duration.ofSeconds(5));
		lock.failure = null;
		reactor.advance(Duration.ofSeconds(2));
		lock.failure = new IllegalStateException("down again");
		reactor.advance(Duration.ofSeconds(1));
		assertThat(loop.isRunning()).isTrue();
		assertThat(loop.stats().calls()).isEqualTo(3);
		assertThat(loop.stats().lockedOut()).isEqualTo(6);
		assertThat(heard.lockedOut).hasSize(6).allMatch((reason) -> reason.equals("error"));
		List<String> warnings = messages(java.util.logging.Level.WARNING);
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0)).contains("Lock 'report'", "database is down", "once per outage");
		assertThat(warnings.get(1)).contains("down again");
		assertThat(messages(java.util.logging.Level.INFO)).singleElement()
			.asString()
			.contains("answers again", "5 failed attempts");
		assertThat(this.records).allMatch((record) -> record.getThrown() == null);
	}

	@Test
	void aLockedCallRunsOnlyWhenItsLockIsTakenAndALockedOutDeferredIsCancelled() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		TestLock lock = new TestLock("once");
		AtomicInteger runs = new AtomicInteger();
		DelayedCall call = reactor.callLater(CallOptions.named("once").withLock(lock), SECOND, runs::incrementAndGet);
		assertThat(call.lockName()).isEqualTo("once");
		reactor.advance(SECOND);
		assertThat(runs).hasValue(1);
		assertThat(lock.released).isEqualTo(1);
		lock.heldElsewhere = true;
		reactor.callLater(CallOptions.named("once").withLock(lock), SECOND, runs::incrementAndGet);
		CompletableFuture<String> deferred = reactor.deferLater(CallOptions.named("once").withLock(lock), SECOND,
				() -> "ran");
		reactor.advance(SECOND);
		assertThat(runs).hasValue(1);
		assertThat(deferred).isCompletedExceptionally();
		assertThat(deferred.handle((value, error) -> error)).isCompletedWithValueMatching(
				(error) -> error instanceof CancellationException && error.getMessage().contains("held elsewhere"));
		lock.heldElsewhere = false;
		CompletableFuture<String> taken = reactor.deferLater(CallOptions.named("once").withLock(lock), SECOND,
				() -> "ran");
		reactor.advance(SECOND);
		assertThat(taken).isCompletedWithValue("ran");
	}

	@Test
	void twoReactorsSharingALockRunEachTickOnceBetweenThem() {
		VirtualTimeReactor first = new VirtualTimeReactor();
		VirtualTimeReactor second = new VirtualTimeReactor();
		SharedLock store = new SharedLock();
		List<String> ran = new ArrayList<>();
		LoopingCall a = first.loopingCall(CallOptions.named("job").withLock(store.lockFor("job", first)),
				() -> ran.add("a@" + first.now().getEpochSecond()));
		LoopingCall b = second.loopingCall(CallOptions.named("job").withLock(store.lockFor("job", second)),
				() -> ran.add("b@" + second.now().getEpochSecond()));
		a.start(SECOND);
		first.advance(Duration.ofMillis(300)); // the second instance starts 300 ms later, on the same grid
		second.advance(Duration.ofMillis(300));
		b.start(SECOND);
		assertThat(b.stats().nextDueAt()).isEqualTo(Instant.EPOCH.plusSeconds(1));
		for (int step = 0; step < 100; step++) {
			// Turn by turn, the second one first half of the time: whoever comes first at a tick wins it.
			if (step % 20 < 10) {
				second.advance(Duration.ofMillis(100));
				first.advance(Duration.ofMillis(100));
			}
			else {
				first.advance(Duration.ofMillis(100));
				second.advance(Duration.ofMillis(100));
			}
		}
		// Grid points 0..10 s: the first reactor alone at 0 s, both from 1 s on.
		assertThat(ran).hasSize(11);
		assertThat(ran.stream().map((entry) -> entry.substring(2)).distinct()).hasSize(11);
		assertThat(a.stats().calls() + b.stats().calls()).isEqualTo(11);
		assertThat(a.stats().lockedOut() + b.stats().lockedOut()).isEqualTo(10);
		assertThat(b.stats().calls()).isPositive();
	}

	@Test
	void theLockIsNeverTakenOnTheReactorThreadAndASlowStoreDelaysNoOtherCall() throws Exception {
		ExecutorService lockThreads = Executors.newCachedThreadPool();
		try (Reactor reactor = Reactor.builder().threadName("lock-test").daemon(true).build()) {
			reactor.start();
			CountDownLatch attempted = new CountDownLatch(1);
			CountDownLatch storeMayAnswer = new CountDownLatch(1);
			List<String> threads = new CopyOnWriteArrayList<>();
			CallLock slow = new CallLock() {
				@Override
				public String name() {
					return "slow";
				}

				@Override
				public java.util.concurrent.Executor executor() {
					return lockThreads;
				}

				@Override
				public @Nullable Lease tryLock() throws Exception {
					threads.add("tryLock:" + Thread.currentThread().getName());
					attempted.countDown();
					storeMayAnswer.await(10, TimeUnit.SECONDS);
					return () -> threads.add("release:" + Thread.currentThread().getName());
				}
			};
			CompletableFuture<String> body = new CompletableFuture<>();
			reactor.callLater(CallOptions.named("locked").withLock(slow), Duration.ZERO,
					() -> body.complete(Thread.currentThread().getName()));
			assertThat(attempted.await(10, TimeUnit.SECONDS)).isTrue();
			// The store hangs; the reactor still runs other calls on time.
			CompletableFuture<Long> other = new CompletableFuture<>();
			long scheduled = System.nanoTime();
			reactor.callLater(Duration.ofMillis(50), () -> other.complete(System.nanoTime() - scheduled));
			assertThat(other.get(10, TimeUnit.SECONDS)).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
			assertThat(body).isNotDone();
			storeMayAnswer.countDown();
			assertThat(body.get(10, TimeUnit.SECONDS)).as("the body runs on the reactor thread").isEqualTo("lock-test");
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 2);
			assertThat(threads).noneMatch((entry) -> entry.endsWith(":lock-test"));
		}
		finally {
			lockThreads.shutdownNow();
		}
	}

	private List<String> messages(java.util.logging.Level level) {
		return this.records.stream().filter((record) -> record.getLevel() == level).map(LogRecord::getMessage).toList();
	}

	/**
	 * A lock of one reactor on the caller's thread: taken unless told it is held elsewhere or that its store fails.
	 */
	static final class TestLock implements CallLock {

		private final String name;

		volatile boolean heldElsewhere;

		volatile @Nullable RuntimeException failure;

		int taken;

		int released;

		int holding;

		TestLock(String name) {
			this.name = name;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public java.util.concurrent.Executor executor() {
			return Runnable::run;
		}

		@Override
		public @Nullable Lease tryLock() {
			RuntimeException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
			if (this.heldElsewhere) {
				return null;
			}
			this.taken++;
			return new Lease() {
				@Override
				public <T> T holding(java.util.concurrent.Callable<T> body) throws Exception {
					TestLock.this.holding++;
					return body.call();
				}

				@Override
				public void release() {
					TestLock.this.released++;
				}
			};
		}

	}

	/**
	 * One store shared by several virtual reactors: a lock is held until half a second after it was taken (as
	 * ShedLock's lockAtLeastFor would), on the clock of the reactor that asks.
	 */
	static final class SharedLock {

		private final java.util.Map<String, Instant> heldUntil = new java.util.HashMap<>();

		CallLock lockFor(String name, VirtualTimeReactor reactor) {
			return new CallLock() {
				@Override
				public String name() {
					return name;
				}

				@Override
				public java.util.concurrent.Executor executor() {
					return Runnable::run;
				}

				@Override
				public @Nullable Lease tryLock() {
					Instant now = reactor.now();
					Instant until = SharedLock.this.heldUntil.get(name);
					if (until != null && until.isAfter(now)) {
						return null;
					}
					SharedLock.this.heldUntil.put(name, now.plusSeconds(60));
					return () -> SharedLock.this.heldUntil.put(name, now.plusMillis(500));
				}
			};
		}

	}

	/**
	 * What the listener heard.
	 */
	static final class Heard implements ReactorListener {

		final List<String> lockedOut = new CopyOnWriteArrayList<>();

		volatile int started;

		@Override
		public void started(DelayedCall call, long lagNanos) {
			this.started++;
		}

		@Override
		public void lockedOut(DelayedCall call, @Nullable Throwable error) {
			this.lockedOut.add((error == null) ? "held" : "error");
		}

	}

}
