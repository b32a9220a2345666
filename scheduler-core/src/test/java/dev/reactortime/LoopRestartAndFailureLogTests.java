package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restart resets, and what a loop that continues on error writes to the log (on virtual time).
 */
class LoopRestartAndFailureLogTests {

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler capture = new Handler() {
		@Override
		public void publish(LogRecord record) {
			LoopRestartAndFailureLogTests.this.records.add(record);
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
		this.reactorLogger.setUseParentHandlers(false); // keep the build's output small
		this.reactorLogger.addHandler(this.capture);
	}

	@AfterEach
	void restoreTheLog() {
		this.reactorLogger.removeHandler(this.capture);
		this.reactorLogger.setUseParentHandlers(this.useParentHandlers);
	}

	@Test
	void aRestartedLoopCountsItsCallsFromZeroSoABodyThatStopsItselfStopsAgain() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		LoopingCall[] self = new LoopingCall[1];
		int[] bodies = new int[1];
		self[0] = reactor.loopingCall(() -> {
			bodies[0]++;
			if (self[0].callCount() == 3) {
				self[0].stop();
			}
		});
		CompletableFuture<LoopingCall> first = self[0].start(Duration.ofSeconds(1));
		reactor.advance(Duration.ofSeconds(10));
		assertThat(first).isCompletedWithValue(self[0]);
		assertThat(bodies[0]).isEqualTo(3);
		Instant lastStart = self[0].stats().lastStart();
		CompletableFuture<LoopingCall> second = self[0].start(Duration.ofSeconds(1));
		assertThat(self[0].callCount()).isZero();
		assertThat(self[0].stats().lastStart()).as("kept until the new run replaces it").isEqualTo(lastStart);
		reactor.advance(Duration.ofSeconds(10));
		assertThat(second).isCompletedWithValue(self[0]);
		assertThat(bodies[0]).isEqualTo(6);
	}

	@Test
	void aLoopThatContinuesOnErrorLogsItsFirstFailureWithTheStackThenOneLineAMinuteThenItsRecovery() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		boolean[] failing = { true };
		LoopingCall loop = reactor.loopingCall(CallOptions.named("poll").withContinueOnError(true), () -> {
			if (failing[0]) {
				throw new IllegalStateException("connection refused");
			}
		});
		loop.start(Duration.ofMillis(10));
		reactor.advance(Duration.ofMinutes(3)); // 18,001 failures
		failing[0] = false;
		reactor.advance(Duration.ofMillis(10));
		assertThat(loop.isRunning()).isTrue();
		List<LogRecord> withStack = this.records.stream().filter((r) -> r.getThrown() != null).toList();
		assertThat(withStack).hasSize(1);
		assertThat(withStack.get(0).getLevel()).isEqualTo(Level.SEVERE);
		assertThat(withStack.get(0).getMessage()).contains("Loop 'poll'").contains("it continues");
		List<String> counts = this.records.stream()
			.filter((r) -> r.getLevel() == Level.WARNING)
			.map(LogRecord::getMessage)
			.toList();
		assertThat(counts).hasSize(3);
		assertThat(counts.get(0)).contains("Loop 'poll'").contains("6000 more times")
			.contains("IllegalStateException: connection refused");
		List<String> recovered = this.records.stream()
			.filter((r) -> r.getLevel() == Level.INFO)
			.map(LogRecord::getMessage)
			.toList();
		assertThat(recovered).singleElement().asString().contains("recovered after 18001 failures");
		assertThat(this.records).hasSize(5);
	}

}
