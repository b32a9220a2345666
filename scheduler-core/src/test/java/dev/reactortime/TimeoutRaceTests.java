package dev.reactortime;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code Reactor.timeout} when the timer and the original race: a timeout wins only if it really cancelled the
 * original; otherwise the original's outcome is the result.
 */
class TimeoutRaceTests {

	@Test
	void aFutureAlreadyCompleteNeverTimesOutEvenWithAZeroTimeout() throws Exception {
		zeroTimeoutOnCompletedFutures(20_000);
	}

	@Test
	@Tag("stress-full")
	void aFutureAlreadyCompleteNeverTimesOutStress() throws Exception {
		zeroTimeoutOnCompletedFutures(500_000);
	}

	private void zeroTimeoutOnCompletedFutures(int count) throws Exception {
		try (Reactor reactor = Reactor.builder().daemon(true).threadName("zero-timeout").build()) {
			reactor.start();
			for (int i = 0; i < count; i++) {
				CompletableFuture<String> result = reactor.timeout(CompletableFuture.completedFuture("v" + i),
						Duration.ZERO);
				assertThat(result.get(10, TimeUnit.SECONDS)).as("timeout #%d", i).isEqualTo("v" + i);
			}
		}
	}

	@Test
	void anOriginalCompletedOnAnotherThreadAsTheTimerFiresKeepsItsValue() throws Exception {
		ExecutorService completer = Executors.newSingleThreadExecutor();
		try (Reactor reactor = Reactor.builder().daemon(true).threadName("racing-timeout").build()) {
			reactor.start();
			int timedOut = 0;
			int completed = 0;
			for (int i = 0; i < 5_000; i++) {
				CompletableFuture<Integer> original = new CompletableFuture<>();
				CyclicBarrier barrier = new CyclicBarrier(2);
				int value = i;
				CompletableFuture<Integer> result = reactor.timeout(original, Duration.ZERO);
				completer.execute(() -> {
					try {
						barrier.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					original.complete(value);
				});
				barrier.await();
				try {
					assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(value);
					assertThat(original.isCancelled()).isFalse();
					completed++;
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(TimeoutException.class);
					assertThat(original.isCancelled()).as("a timeout wins only by cancelling the original").isTrue();
					timedOut++;
				}
			}
			assertThat(timedOut + completed).isEqualTo(5_000);
		}
		finally {
			completer.shutdownNow();
		}
	}

	@Test
	void anErrorThrownByOnTimeoutCancelFailsTheResult() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		CompletableFuture<String> original = new CompletableFuture<>();
		CompletableFuture<String> result = reactor.timeout(original, Duration.ofSeconds(1), (ex) -> {
			throw new AssertionError("mapping failed");
		});
		reactor.advance(Duration.ofSeconds(1));
		assertThat(original.isCancelled()).isTrue();
		assertThat(result).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
			.withCauseInstanceOf(AssertionError.class);
	}

	@Test
	void aTimeoutOnAReactorThatClosesBeforeItFiresFailsWithTheShutdown() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		CompletableFuture<String> original = new CompletableFuture<>();
		CompletableFuture<String> result = reactor.timeout(original, Duration.ofSeconds(5));
		reactor.close();
		assertThat(result).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("closed before the timeout");
		assertThat(original).as("the original is not the reactor's to cancel").isNotDone();
	}

	@Test
	void aTimeoutOnTheRealReactorFailsWithTheShutdownToo() {
		Reactor reactor = Reactor.builder().daemon(true).build();
		reactor.start();
		CompletableFuture<String> result = reactor.timeout(new CompletableFuture<>(), Duration.ofHours(1));
		reactor.close();
		assertThat(result).isCompletedExceptionally();
		assertThat(result.isCancelled()).isFalse();
	}

	@Test
	void aManualCancelOfTheOriginalRacingTheTimerStillCompletesTheResult() throws Exception {
		try (Reactor reactor = Reactor.builder().daemon(true).threadName("cancel-vs-timer").build()) {
			reactor.start();
			for (int i = 0; i < 5_000; i++) {
				CompletableFuture<Integer> original = new CompletableFuture<>();
				CompletableFuture<Integer> result = reactor.timeout(original, Duration.ZERO);
				original.cancel(false);
				try {
					result.get(10, TimeUnit.SECONDS);
				}
				catch (CancellationException | ExecutionException ex) {
					// a cancellation or a timeout: either is an answer; a result left pending is the defect
				}
				assertThat(result).isDone();
			}
		}
	}

}
