package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The behaviour of DESIGN §2, one test per rule, run against both reactors: {@link VirtualTimeReactor} and the
 * real-time reactor on a hand-moved ticker. Comments name the rule; many tests port the intent of Twisted's
 * {@code test_task.py}, {@code test_internet.py} and {@code test_defer.py}.
 */
abstract class ReactorContractTests {

	ReactorHarness harness;

	Reactor reactor;

	Instant origin;

	final List<String> log = new CopyOnWriteArrayList<>();

	abstract ReactorHarness createHarness();

	@BeforeEach
	void createReactor() {
		this.harness = createHarness();
		this.reactor = this.harness.reactor();
		this.origin = this.reactor.now();
	}

	@AfterEach
	void closeReactor() {
		this.harness.close();
	}

	/** Records {@code label@millis} (time since the test began, on the reactor's clock). */
	Runnable record(String label) {
		return () -> this.log.add(label + "@" + this.harness.millisSince(this.origin));
	}

	Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	// Rule 1: bad arguments

	@Test
	void callLaterRejectsANegativeDelayNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.reactor.callLater(ms(-1), record("x")))
			.withMessageContaining("delay")
			.withMessageContaining("negative");
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
	}

	@Test
	void callLaterRejectsANullTaskOrDelayNamingTheArgument() {
		assertThatNullPointerException().isThrownBy(() -> this.reactor.callLater(ms(1), null))
			.withMessageContaining("task");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.callLater(null, record("x")))
			.withMessageContaining("delay");
		assertThat(this.reactor.pendingCount()).isZero();
	}

	@Test
	void callLaterOnAClosedReactorThrowsIllegalState() {
		this.reactor.close();
		assertThatIllegalStateException().isThrownBy(() -> this.reactor.callLater(ms(1), record("x")))
			.withMessageContaining("shut down");
		assertThatIllegalStateException().isThrownBy(() -> this.reactor.deferLater(ms(1)));
	}

	@Test
	void getTimeIsTheSchedulingTimePlusTheDelay() {
		this.harness.advanceMillis(100);
		DelayedCall call = this.reactor.callLater(Duration.ofMillis(3500), record("x"));
		assertThat(call.getTime()).isEqualTo(this.origin.plusMillis(3600));
		assertThat(call.active()).isTrue();
		assertThat(call.name()).isEqualTo("unnamed");
		assertThat(call.kind()).isEqualTo(CallKind.CALL);
		assertThat(call.source()).isEqualTo("programmatic");
	}

	// Rule 2: FIFO

	@Test
	void callsDueAtTheSameInstantRunInTheOrderTheyWereScheduled() {
		for (int i = 0; i < 50; i++) {
			this.reactor.callLater(ms(10), record("c" + i));
		}
		this.harness.advanceMillis(10);
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			expected.add("c" + i + "@10");
		}
		assertThat(this.log).containsExactlyElementsOf(expected);
	}

	@Test
	void aZeroDelayCallScheduledInsideACallRunsAfterTheCallsAlreadyDue() {
		this.reactor.callLater(ms(10), () -> {
			this.log.add("first");
			this.reactor.callLater(Duration.ZERO, record("zero"));
		});
		this.reactor.callLater(ms(10), record("second"));
		this.reactor.callLater(ms(10), record("third"));
		this.harness.advanceMillis(10);
		assertThat(this.log).containsExactly("first", "second@10", "third@10", "zero@10");
	}

	// Rule 3: cancel, AlreadyCalled, AlreadyCancelled

	@Test
	void aCancelledCallNeverRunsAndLeavesGetDelayedCallsAtOnce() {
		DelayedCall call = this.reactor.callLater(ms(5), record("never"));
		DelayedCall other = this.reactor.callLater(ms(6), record("other"));
		assertThat(this.reactor.getDelayedCalls()).containsExactly(call, other);
		call.cancel();
		assertThat(call.active()).isFalse();
		assertThat(this.reactor.getDelayedCalls()).containsExactly(other);
		assertThat(this.reactor.pendingCount()).isEqualTo(1);
		this.harness.advanceMillis(10);
		assertThat(this.log).containsExactly("other@6");
	}

	@Test
	void cancellingTwiceThrowsAlreadyCancelled() {
		DelayedCall call = this.reactor.callLater(ms(5), record("x"));
		call.cancel();
		assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(call::cancel)
			.withMessageContaining("cancelled");
		assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(() -> call.delay(ms(1)));
		assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(() -> call.reset(ms(1)));
	}

	@Test
	void cancellingACalledCallThrowsAlreadyCalled() {
		DelayedCall call = this.reactor.callLater(ms(5), record("x"));
		this.harness.advanceMillis(5);
		assertThat(call.active()).isFalse();
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(call::cancel).withMessageContaining("called");
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> call.delay(ms(1)));
		assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> call.reset(ms(1)));
		assertThat(call.getTime()).isEqualTo(this.origin.plusMillis(5));
	}

	@Test
	void cancellingACallFromInsideItselfThrowsAlreadyCalled() {
		AtomicReference<DelayedCall> self = new AtomicReference<>();
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		self.set(this.reactor.callLater(ms(1), () -> {
			try {
				self.get().cancel();
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
			}
		}));
		this.harness.advanceMillis(1);
		assertThat(thrown.get()).isInstanceOf(AlreadyCalledException.class);
	}

	// Rule 4: delay and reset

	@Test
	void delayPushesTheCallLaterRelativeToItsDueTime() {
		DelayedCall call = this.reactor.callLater(ms(10), record("delayed"));
		this.harness.advanceMillis(4);
		call.delay(ms(5));
		assertThat(call.getTime()).isEqualTo(this.origin.plusMillis(15));
		this.harness.advanceMillis(10);
		assertThat(this.log).isEmpty();
		this.harness.advanceMillis(1);
		assertThat(this.log).containsExactly("delayed@15");
	}

	@Test
	void resetSetsTheCallToNowPlusTheDelayEarlierOrLater() {
		DelayedCall later = this.reactor.callLater(ms(10), record("later"));
		DelayedCall earlier = this.reactor.callLater(ms(100), record("earlier"));
		this.harness.advanceMillis(5);
		later.reset(ms(20));
		earlier.reset(ms(1));
		assertThat(later.getTime()).isEqualTo(this.origin.plusMillis(25));
		assertThat(earlier.getTime()).isEqualTo(this.origin.plusMillis(6));
		assertThat(this.reactor.getDelayedCalls()).containsExactly(earlier, later);
		this.harness.advanceMillis(100);
		assertThat(this.log).containsExactly("earlier@6", "later@25");
	}

	@Test
	void resetRejectsANegativeDelayAndChangesNothing() {
		DelayedCall call = this.reactor.callLater(ms(10), record("x"));
		assertThatIllegalArgumentException().isThrownBy(() -> call.reset(ms(-1))).withMessageContaining("delay");
		assertThat(call.getTime()).isEqualTo(this.origin.plusMillis(10));
		assertThat(call.active()).isTrue();
	}

	// Rule 5: calls scheduled earlier wait; overdue calls run at once in due order

	@Test
	void overdueCallsRunAtOnceInDueOrder() {
		this.reactor.callLater(ms(30), record("c"));
		this.reactor.callLater(ms(10), record("a"));
		this.reactor.callLater(ms(20), record("b"));
		this.harness.advanceMillis(0);
		assertThat(this.log).isEmpty();
		this.reactor.callLater(Duration.ZERO, () -> this.harness.busy(ms(100)));
		this.harness.advanceMillis(0);
		assertThat(this.log).containsExactly("a@100", "b@100", "c@100");
	}

	// Rule 6: exceptions are logged and counted, the reactor goes on

	@Test
	void anExceptionFromACallIsReportedAndLaterCallsStillRun() {
		List<String> errors = new CopyOnWriteArrayList<>();
		this.reactor.addListener(new ReactorListener() {
			@Override
			public void finished(DelayedCall call, long lag, long duration, Throwable error) {
				if (error != null) {
					errors.add(call.name() + ":" + error.getMessage());
				}
			}
		});
		this.reactor.callLater("boom", ms(1), () -> {
			throw new IllegalStateException("kaput");
		});
		this.reactor.callLater("error", ms(1), () -> {
			throw new AssertionError("an Error, not a VirtualMachineError");
		});
		this.reactor.callLater(ms(2), record("after"));
		this.harness.advanceMillis(5);
		assertThat(errors).containsExactly("boom:kaput", "error:an Error, not a VirtualMachineError");
		assertThat(this.log).containsExactly("after@2");
		assertThat(this.reactor.isRunning()).isTrue();
	}

	// Rule 7: LoopingCall start, stop, now, errors

	@Test
	void startRejectsANegativeIntervalAndARunningLoop() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		assertThatIllegalArgumentException().isThrownBy(() -> loop.start(ms(-1))).withMessageContaining("interval");
		assertThat(loop.isRunning()).isFalse();
		loop.start(ms(10));
		assertThatIllegalStateException().isThrownBy(() -> loop.start(ms(10))).withMessageContaining("already running");
	}

	@Test
	void stoppingAStoppedLoopThrowsIllegalState() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		assertThatIllegalStateException().isThrownBy(loop::stop).withMessageContaining("not running");
		assertThatIllegalStateException().isThrownBy(loop::reset).withMessageContaining("not running");
		loop.start(ms(10));
		loop.stop();
		assertThatIllegalStateException().isThrownBy(loop::stop);
	}

	@Test
	void withNowTheFirstCallIsDueAtOnceAndRunsAtTheNextAdvance() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		loop.start(ms(10), true);
		if (this.reactor instanceof VirtualTimeReactor) {
			// The real reactor's thread may run it at once, before this line: it is due at once.
			assertThat(this.log).isEmpty();
		}
		this.harness.advance(Duration.ZERO);
		assertThat(this.log).containsExactly("tick@0");
		this.harness.advanceMillis(25);
		assertThat(this.log).containsExactly("tick@0", "tick@10", "tick@20");
		assertThat(loop.callCount()).isEqualTo(3);
		assertThat(loop.interval()).isEqualTo(ms(10));
	}

	@Test
	void withoutNowTheLoopWaitsOneIntervalFirst() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		loop.start(ms(10), false);
		this.harness.advanceMillis(9);
		assertThat(this.log).isEmpty();
		this.harness.advanceMillis(1);
		assertThat(this.log).containsExactly("tick@10");
	}

	@Test
	void stopCancelsThePendingCallAndCompletesTheFutureWithTheLoop() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		CompletableFuture<LoopingCall> done = loop.start(ms(10));
		this.harness.advanceMillis(5);
		loop.stop();
		assertThat(done).isCompletedWithValue(loop);
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		this.harness.advanceMillis(50);
		assertThat(this.log).containsExactly("tick@0");
	}

	@Test
	void stopFromInsideTheBodyEndsTheLoopAfterTheBodyReturns() {
		// The seed's example: three ticks, then the loop stops itself and its future fires with the loop.
		AtomicInteger ticks = new AtomicInteger();
		AtomicReference<LoopingCall> self = new AtomicReference<>();
		self.set(this.reactor.loopingCall(() -> {
			if (ticks.incrementAndGet() > 3) {
				self.get().stop();
				this.log.add("stopping");
				return;
			}
			record("A new second has passed.").run();
		}));
		CompletableFuture<LoopingCall> done = self.get().start(Duration.ofSeconds(1));
		done.thenAccept((loop) -> record("Loop done.").run());
		this.harness.advance(Duration.ofSeconds(10));
		assertThat(this.log).containsExactly("A new second has passed.@0", "A new second has passed.@1000",
				"A new second has passed.@2000", "stopping", "Loop done.@3000");
		assertThat(done).isCompletedWithValue(self.get());
		assertThat(self.get().isRunning()).isFalse();
	}

	@Test
	void anExceptionInTheBodyStopsTheLoopAndFailsItsFuture() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall("failing", () -> {
			if (ticks.incrementAndGet() == 2) {
				throw new IllegalStateException("Failure during loop execution.");
			}
		});
		CompletableFuture<LoopingCall> done = loop.start(ms(10));
		this.harness.advanceMillis(100);
		assertThat(ticks).hasValue(2);
		assertThat(loop.isRunning()).isFalse();
		assertThat(done).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(done::get)
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("Failure during loop execution.");
		assertThat(loop.stats().lastError()).hasMessage("Failure during loop execution.");
	}

	@Test
	void aLoopThatContinuesOnErrorKeepsLooping() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall(CallOptions.named("resilient").withContinueOnError(true), () -> {
			ticks.incrementAndGet();
			throw new IllegalStateException("again");
		});
		CompletableFuture<LoopingCall> done = loop.start(ms(10));
		this.harness.advanceMillis(30);
		assertThat(ticks).hasValue(4);
		assertThat(loop.isRunning()).isTrue();
		assertThat(done).isNotDone();
	}

	@Test
	void aZeroIntervalLoopRunsOncePerTurnUntilItStops() {
		// Twisted's test_withCountIntervalZero: every call counts 1.
		List<Integer> counts = new CopyOnWriteArrayList<>();
		AtomicReference<LoopingCall> self = new AtomicReference<>();
		self.set(this.reactor.loopingCallWithCount((count) -> {
			counts.add(count);
			if (counts.size() > 4) {
				self.get().stop();
			}
		}));
		CompletableFuture<LoopingCall> done = self.get().start(Duration.ZERO, false);
		this.harness.advance(Duration.ZERO);
		assertThat(counts).containsExactly(1, 1, 1, 1, 1);
		assertThat(done).isCompletedWithValue(self.get());
	}

	// Rule 8: missed intervals are skipped, never bunched; withCount; reset

	@Test
	void missedIntervalsAreSkippedOnTheGridAnchoredAtStart() {
		// Twisted's test_reactorTimeSkips: a 1 s loop whose reactor jumps 2 s runs at 0, 2 and 3.
		List<Long> skipped = new CopyOnWriteArrayList<>();
		this.reactor.addListener(new ReactorListener() {
			@Override
			public void skipped(LoopingCall loop, long intervals) {
				skipped.add(intervals);
			}
		});
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		loop.start(Duration.ofSeconds(1));
		this.harness.advance(Duration.ZERO);
		this.reactor.callLater(ms(1), () -> this.harness.busy(ms(1999)));
		this.harness.advance(ms(1));
		this.harness.advance(Duration.ZERO);
		this.harness.advance(Duration.ofSeconds(1));
		assertThat(this.log).containsExactly("tick@0", "tick@2000", "tick@3000");
		assertThat(skipped).containsExactly(1L);
		assertThat(loop.stats().skipped()).isEqualTo(1);
	}

	@Test
	void aLongBodySkipsTheGridPointsItOverran() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall(() -> {
			record("tick").run();
			if (ticks.incrementAndGet() == 2) {
				this.harness.busy(ms(35));
			}
		});
		loop.start(ms(10));
		this.harness.advanceMillis(100);
		assertThat(this.log).containsExactly("tick@0", "tick@10", "tick@50", "tick@60", "tick@70", "tick@80",
				"tick@90", "tick@100");
		assertThat(loop.stats().skipped()).isEqualTo(3);
	}

	@Test
	void withCountReceivesTheGridPointsPassedSinceItsLastCall() {
		List<Integer> counts = new CopyOnWriteArrayList<>();
		LoopingCall loop = this.reactor.loopingCallWithCount(counts::add);
		loop.start(ms(10));
		this.harness.advance(Duration.ZERO);
		this.harness.advanceMillis(10);
		this.reactor.callLater(ms(1), () -> this.harness.busy(ms(34)));
		this.harness.advanceMillis(1);
		this.harness.advance(Duration.ZERO);
		this.harness.advanceMillis(9);
		assertThat(counts).containsExactly(1, 1, 3, 1);
	}

	@Test
	void withCountStartedWithoutNowCountsFromStart() {
		List<Integer> counts = new CopyOnWriteArrayList<>();
		LoopingCall loop = this.reactor.loopingCallWithCount(counts::add);
		loop.start(ms(10), false);
		this.reactor.callLater(ms(1), () -> this.harness.busy(ms(25)));
		this.harness.advanceMillis(1);
		this.harness.advance(Duration.ZERO);
		assertThat(counts).containsExactly(2);
	}

	@Test
	void resetRestartsTheGridFromNow() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		loop.start(ms(10), false);
		this.harness.advanceMillis(7);
		loop.reset();
		this.harness.advanceMillis(20);
		assertThat(this.log).containsExactly("tick@17", "tick@27");
	}

	@Test
	void anAsynchronousBodyHoldsTheNextCallBackUntilItsStageCompletes() {
		List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
		LoopingCall loop = this.reactor.loopingCallAsync(() -> {
			record("tick").run();
			CompletableFuture<Void> stage = new CompletableFuture<>();
			stages.add(stage);
			return stage;
		});
		loop.start(ms(10));
		this.harness.advanceMillis(35);
		assertThat(this.log).containsExactly("tick@0");
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		this.reactor.callLater(Duration.ZERO, () -> stages.get(0).complete(null));
		this.harness.advance(Duration.ZERO);
		this.harness.advanceMillis(5);
		assertThat(this.log).containsExactly("tick@0", "tick@40");
		assertThat(loop.stats().skipped()).isEqualTo(3);
	}

	@Test
	void stoppingWhileAnAsynchronousBodyIsPendingCompletesTheFutureWhenTheBodyDoes() {
		CompletableFuture<Void> stage = new CompletableFuture<>();
		LoopingCall loop = this.reactor.loopingCallAsync(() -> stage);
		CompletableFuture<LoopingCall> done = loop.start(ms(10));
		this.harness.advance(Duration.ZERO);
		loop.stop();
		assertThat(done).isNotDone();
		assertThat(stage).isNotCancelled();
		stage.complete(null);
		assertThat(done).isCompletedWithValue(loop);
	}

	// deferLater

	@Test
	void deferLaterCompletesWithTheResultAfterTheDelay() {
		CompletableFuture<String> result = this.reactor.deferLater(Duration.ofMillis(3500),
				() -> "This will run 3.5 seconds after it was scheduled: hello, world");
		assertThat(this.reactor.getDelayedCalls()).singleElement()
			.satisfies((call) -> assertThat(call.kind()).isEqualTo(CallKind.DEFERRED));
		this.harness.advanceMillis(3499);
		assertThat(result).isNotDone();
		this.harness.advanceMillis(1);
		assertThat(result).isCompletedWithValue("This will run 3.5 seconds after it was scheduled: hello, world");
		assertThat(this.reactor.deferLater(ms(1))).isNotDone();
	}

	@Test
	void deferLaterFailsWithTheExceptionOfTheCallable() {
		CompletableFuture<String> result = this.reactor.deferLater(ms(1), () -> {
			throw new java.io.IOException("disk on fire");
		});
		this.harness.advanceMillis(1);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
			.withCauseInstanceOf(java.io.IOException.class);
	}

	@Test
	void cancellingTheFutureOfDeferLaterCancelsTheCall() {
		AtomicInteger runs = new AtomicInteger();
		CompletableFuture<Integer> result = this.reactor.deferLater(ms(10), runs::incrementAndGet);
		assertThat(result.cancel(false)).isTrue();
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		this.harness.advanceMillis(20);
		assertThat(runs).hasValue(0);
		assertThat(result).isCancelled();
	}

	@Test
	void cancellingTheDelayedCallOfDeferLaterCancelsItsFuture() {
		CompletableFuture<String> result = this.reactor.deferLater(ms(10), () -> "never");
		DelayedCall call = this.reactor.getDelayedCalls().get(0);
		call.cancel();
		assertThat(result).isCancelled();
		this.harness.advanceMillis(20);
		assertThat(result).isCancelled();
	}

	// Rule 9: timeout

	@Test
	void aTimeoutThatFiresFirstCancelsTheOriginalAndFailsWithTimeoutException() {
		CompletableFuture<String> original = new CompletableFuture<>();
		CompletableFuture<String> bounded = this.reactor.timeout(original, ms(100));
		this.harness.advanceMillis(99);
		assertThat(bounded).isNotDone();
		this.harness.advanceMillis(1);
		assertThat(original).isCancelled();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(bounded::get)
			.withCauseInstanceOf(TimeoutException.class);
	}

	@Test
	void aFutureThatCompletesFirstCancelsTheTimer() {
		CompletableFuture<String> original = new CompletableFuture<>();
		CompletableFuture<String> bounded = this.reactor.timeout(original, ms(100));
		assertThat(this.reactor.getDelayedCalls()).hasSize(1);
		original.complete("in time");
		assertThat(bounded).isCompletedWithValue("in time");
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		CompletableFuture<String> failing = new CompletableFuture<>();
		CompletableFuture<String> boundedFailure = this.reactor.timeout(failing, ms(100));
		failing.completeExceptionally(new IllegalStateException("no"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(boundedFailure::get)
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
	}

	@Test
	void onTimeoutCancelReplacesTheResultOnlyWhenTheTimerFires() {
		CompletableFuture<String> late = new CompletableFuture<>();
		CompletableFuture<String> early = new CompletableFuture<>();
		CompletableFuture<String> lateBounded = this.reactor.timeout(late, ms(10), (timeout) -> "fallback");
		CompletableFuture<String> earlyBounded = this.reactor.timeout(early, ms(10), (timeout) -> "fallback");
		early.complete("value");
		this.harness.advanceMillis(10);
		assertThat(lateBounded).isCompletedWithValue("fallback");
		assertThat(earlyBounded).isCompletedWithValue("value");
	}

	@Test
	void aManualCancelOfTheOriginalStaysACancellation() {
		CompletableFuture<String> original = new CompletableFuture<>();
		CompletableFuture<String> bounded = this.reactor.timeout(original, ms(10));
		original.cancel(false);
		assertThatExceptionOfType(CancellationException.class).isThrownBy(bounded::join);
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
	}

	@Test
	void aTimeoutOnDeferLaterCancelsBothTimers() {
		// Twisted: deferLater(5).addTimeout(2): at 2 both delayed calls are gone.
		AtomicInteger runs = new AtomicInteger();
		CompletableFuture<Integer> deferred = this.reactor.deferLater(Duration.ofSeconds(5), runs::incrementAndGet);
		CompletableFuture<Integer> bounded = this.reactor.timeout(deferred, Duration.ofSeconds(2));
		assertThat(this.reactor.getDelayedCalls()).hasSize(2);
		this.harness.advance(Duration.ofSeconds(2));
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		assertThat(bounded).isCompletedExceptionally();
		this.harness.advance(Duration.ofSeconds(5));
		assertThat(runs).hasValue(0);
	}

	// Rule 10: advancing time steps through due times; busy is a call that holds the reactor

	@Test
	void advancingTenSecondsRunsAOneSecondLoopTenMoreTimes() {
		LoopingCall loop = this.reactor.loopingCall(record("tick"));
		loop.start(Duration.ofSeconds(1));
		this.harness.advance(Duration.ZERO);
		this.harness.advance(Duration.ofSeconds(10));
		assertThat(loop.callCount()).isEqualTo(11);
		assertThat(this.log).last().isEqualTo("tick@10000");
		assertThat(loop.stats().skipped()).isZero();
	}

	@Test
	void callsScheduledInsideTheWindowRunWithinTheSameAdvance() {
		this.reactor.callLater(ms(10), () -> {
			record("outer").run();
			this.reactor.callLater(ms(5), record("inner"));
			this.reactor.callLater(ms(50), record("outside"));
		});
		this.harness.advanceMillis(20);
		assertThat(this.log).containsExactly("outer@10", "inner@15");
		assertThat(this.harness.millisSince(this.origin)).isEqualTo(20);
	}

	@Test
	void aBusyCallMakesTheCallsBehindItLate() {
		List<Long> lags = new CopyOnWriteArrayList<>();
		this.reactor.addListener(new ReactorListener() {
			@Override
			public void started(DelayedCall call, long lagNanos) {
				lags.add(lagNanos / 1_000_000);
			}
		});
		this.reactor.callLater(ms(10), () -> this.harness.busy(ms(1500)));
		this.reactor.callLater(Duration.ofSeconds(1), record("late"));
		this.harness.advance(Duration.ofSeconds(2));
		assertThat(this.log).containsExactly("late@1510");
		assertThat(lags).containsExactly(0L, 510L);
	}

	// Rule 11: thread safety, no overlap

	@Test
	void callsScheduledFromManyThreadsEachRunOnceAndNeverOverlap() throws InterruptedException {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		Runnable body = () -> {
			if (inside.incrementAndGet() != 1) {
				overlaps.incrementAndGet();
			}
			runs.incrementAndGet();
			inside.decrementAndGet();
		};
		int threads = 4;
		int perThread = 2_000;
		CountDownLatch ready = new CountDownLatch(threads);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				ready.countDown();
				for (int i = 0; i < perThread; i++) {
					this.reactor.callLater(ms(i % 100), body);
				}
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		this.harness.advanceMillis(100);
		assertThat(runs).hasValue(threads * perThread);
		assertThat(overlaps).hasValue(0);
		assertThat(this.reactor.pendingCount()).isZero();
	}

	// Rule 12: shutdown

	@Test
	void closeCancelsPendingCallsStopsLoopsAndRefusesNewCalls() {
		List<String> cancelled = new CopyOnWriteArrayList<>();
		this.reactor.addListener(new ReactorListener() {
			@Override
			public void cancelled(DelayedCall call) {
				cancelled.add(call.name());
			}
		});
		DelayedCall call = this.reactor.callLater("pending", ms(10), record("never"));
		LoopingCall loop = this.reactor.loopingCall("loop", record("tick"));
		CompletableFuture<LoopingCall> done = loop.start(ms(10), false);
		this.reactor.close();
		assertThat(call.active()).isFalse();
		assertThat(cancelled).containsExactlyInAnyOrder("pending", "loop");
		assertThat(loop.isRunning()).isFalse();
		assertThat(done).isCompletedWithValue(loop);
		assertThat(this.reactor.isRunning()).isFalse();
		assertThat(this.reactor.getDelayedCalls()).isEmpty();
		assertThat(this.reactor.pendingCount()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> this.reactor.callLater(ms(1), record("x")));
		assertThatIllegalStateException().isThrownBy(() -> this.reactor.loopingCall(record("y")).start(ms(1)));
		this.reactor.close(); // idempotent
		assertThat(this.log).isEmpty();
	}

	@Test
	void hugeDelaysAreCappedNeverWrappedIntoThePast() {
		DelayedCall call = this.reactor.callLater(Duration.ofDays(365L * 1000), record("millennium"));
		DelayedCall max = this.reactor.callLater(Duration.ofSeconds(Long.MAX_VALUE), record("max"));
		assertThat(call.getTime()).isAfter(this.origin.plus(Duration.ofDays(365L * 100)));
		assertThat(max.getTime()).isAfter(this.origin.plus(Duration.ofDays(365L * 100)));
		call.delay(Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(call.getTime()).isAfter(this.origin.plus(Duration.ofDays(365L * 100)));
		this.harness.advance(Duration.ofDays(365));
		assertThat(this.log).isEmpty();
		assertThat(this.reactor.getDelayedCalls()).hasSize(2);
	}

}
