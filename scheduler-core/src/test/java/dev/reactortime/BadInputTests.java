package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Every public method that takes a duration, given null, negative, zero, huge and overflowing values: a clear
 * exception that names the argument and changes nothing, or correct behaviour (never an overflow into the past).
 */
class BadInputTests {

	private static final Duration MILLENNIUM = Duration.ofDays(365L * 1000);

	private static final Duration OVERFLOWING = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

	private final VirtualTimeReactor reactor = new VirtualTimeReactor();

	private final Runnable noop = () -> {
	};

	@AfterEach
	void close() {
		this.reactor.close();
	}

	/** Each method under test, applied to a duration argument, with the argument's name. */
	static Stream<Arguments> durationMethods() {
		return Stream.of(
				method("delay", (Consumer<Ctx>) (c) -> c.reactor.callLater(c.duration, c.noop)),
				method("delay", (c) -> c.reactor.callLater("named", c.duration, c.noop)),
				method("delay", (c) -> c.reactor.callLater(CallOptions.named("opts"), c.duration, c.noop)),
				method("delay", (c) -> c.reactor.deferLater(c.duration, () -> "x")),
				method("delay", (c) -> c.reactor.deferLater(c.duration)),
				method("interval", (c) -> c.reactor.loopingCall(c.noop).start(c.duration)),
				method("interval", (c) -> c.reactor.loopingCallWithCount((n) -> {
				}).start(c.duration, false)),
				method("timeout", (c) -> c.reactor.timeout(new CompletableFuture<>(), c.duration)),
				method("timeout", (c) -> c.reactor.timeout(new CompletableFuture<String>(), c.duration, (t) -> "x")),
				// reset: the call scheduled first stays pending, unchanged, whatever reset is given
				method("delay", (c) -> c.reactor.callLater(Duration.ofSeconds(1), c.noop).reset(c.duration)),
				method("by", (c) -> c.reactor.advance(c.duration)),
				method("by", (c) -> c.reactor.busy(c.duration)),
				method("step", (c) -> c.reactor.pump(Duration.ZERO, c.duration)));
	}

	record Ctx(VirtualTimeReactor reactor, Duration duration, Runnable noop) {
	}

	private static Arguments method(String argument, Consumer<Ctx> call) {
		return Arguments.of(argument, call);
	}

	/** Pending calls other than the ones the method under test set up itself (the call that reset is tried on). */
	private long strayCalls() {
		return this.reactor.getDelayedCalls()
			.stream()
			.filter((call) -> !call.getTime().equals(Instant.EPOCH.plusSeconds(1)))
			.count();
	}

	private ThrowingCallable apply(Consumer<Ctx> method, Duration duration) {
		return () -> method.accept(new Ctx(this.reactor, duration, this.noop));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("durationMethods")
	void aNullDurationIsRejectedNamingTheArgument(String argument, Consumer<Ctx> method) {
		assertThatNullPointerException().isThrownBy(apply(method, null)).withMessageContaining(argument);
		assertThat(strayCalls()).isZero();
		assertThat(this.reactor.now()).isEqualTo(Instant.EPOCH);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("durationMethods")
	void aNegativeDurationIsRejectedNamingTheArgument(String argument, Consumer<Ctx> method) {
		assertThatIllegalArgumentException().isThrownBy(apply(method, Duration.ofNanos(-1)))
			.withMessageContaining(argument)
			.withMessageContaining("negative");
		assertThatIllegalArgumentException().isThrownBy(apply(method, Duration.ofSeconds(Long.MIN_VALUE)))
			.withMessageContaining(argument);
		assertThat(strayCalls()).isZero();
		assertThat(this.reactor.now()).isEqualTo(Instant.EPOCH);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("durationMethods")
	void zeroHugeAndOverflowingDurationsAreAcceptedAndNeverWrapIntoThePast(String argument, Consumer<Ctx> method) {
		apply(method, Duration.ZERO);
		try {
			apply(method, MILLENNIUM).call();
			apply(method, OVERFLOWING).call();
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
		for (DelayedCall call : this.reactor.getDelayedCalls()) {
			assertThat(call.getTime()).isAfterOrEqualTo(this.reactor.now());
		}
		assertThat(this.reactor.now()).isAfterOrEqualTo(Instant.EPOCH);
	}

	@Test
	void delayByANegativeAmountMovesTheCallEarlierButNeverBeforeTheOrigin() {
		DelayedCall call = this.reactor.callLater(Duration.ofSeconds(10), this.noop);
		call.delay(Duration.ofSeconds(-4));
		assertThat(call.getTime()).isEqualTo(Instant.EPOCH.plusSeconds(6));
		call.delay(Duration.ofSeconds(Long.MIN_VALUE));
		assertThat(call.getTime()).isEqualTo(Instant.EPOCH);
		assertThatNullPointerException().isThrownBy(() -> call.delay(null)).withMessageContaining("by");
	}

	@Test
	void aHugeDelayIsCappedAtAboutOneHundredFortySixYears() {
		DelayedCall call = this.reactor.callLater(MILLENNIUM, this.noop);
		assertThat(call.getTime()).isEqualTo(Instant.EPOCH.plusNanos(ScheduledCall.MAX_DUE));
		this.reactor.advance(Duration.ofDays(365L * 100));
		assertThat(call.active()).isTrue();
	}

	@Test
	void builderSettingsRejectBadValuesNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> Reactor.builder().gracePeriod(Duration.ofSeconds(-1)))
			.withMessageContaining("gracePeriod");
		assertThatIllegalArgumentException().isThrownBy(() -> Reactor.builder().watchdogThreshold(Duration.ofMillis(-1)))
			.withMessageContaining("watchdogThreshold");
		assertThatIllegalArgumentException().isThrownBy(() -> Reactor.builder().spin(Duration.ofSeconds(2)))
			.withMessageContaining("spin");
		assertThatNullPointerException().isThrownBy(() -> Reactor.builder().shutdownMode(null))
			.withMessageContaining("shutdownMode");
		assertThatIllegalArgumentException().isThrownBy(() -> Reactor.builder().threadName(" "))
			.withMessageContaining("threadName");
	}

	@Test
	void namesMustNotBeNullOrBlank() {
		assertThatNullPointerException().isThrownBy(() -> CallOptions.named(null)).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.named("  ")).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.reactor.callLater("", Duration.ZERO, this.noop))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.DEFAULT.withSource(""))
			.withMessageContaining("source");
		assertThat(this.reactor.pendingCount()).isZero();
	}

	@Test
	void nullBodiesFuturesAndListenersAreRejectedNamingTheArgument() {
		assertThatNullPointerException().isThrownBy(() -> this.reactor.loopingCall((Runnable) null))
			.withMessageContaining("body");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.loopingCallAsync(null))
			.withMessageContaining("body");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.deferLater(Duration.ZERO, null))
			.withMessageContaining("task");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.timeout(null, Duration.ZERO))
			.withMessageContaining("future");
		assertThatNullPointerException()
			.isThrownBy(() -> this.reactor.timeout(new CompletableFuture<>(), Duration.ZERO, null))
			.withMessageContaining("onTimeoutCancel");
		assertThatNullPointerException().isThrownBy(() -> this.reactor.addListener(null))
			.withMessageContaining("listener");
		assertThatNullPointerException().isThrownBy(() -> new VirtualTimeReactor(null)).withMessageContaining("start");
		assertThat(this.reactor.pendingCount()).isZero();
	}

}
