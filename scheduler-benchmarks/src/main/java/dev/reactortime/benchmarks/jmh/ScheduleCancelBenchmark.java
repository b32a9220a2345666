package dev.reactortime.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario A: schedule + cancel with a million timers pending. One operation cancels the next pending timer of the
 * ring and schedules a new one in its place (one to five hours out), so the pending count never moves.
 * {@code inLoop} runs batches on the timer's own thread, {@code crossThread} calls from the benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
public class ScheduleCancelBenchmark {

	@Benchmark
	@OperationsPerInvocation(PendingTimers.BATCH)
	public void inLoop(Loop state) {
		state.timers.runOnTimerThread(state.batch);
	}

	@Benchmark
	public void crossThread(Cross state) {
		int slot = state.next();
		state.timers.cancel(slot);
		state.timers.schedule(slot, PendingTimers.delay(slot));
	}

	/** In-loop: the implementations whose own thread can run a batch (Netty's wheel cannot: from its thread, scheduling takes the same queue as from any other), and Agrona's caller. */
	@State(Scope.Benchmark)
	public static class Loop extends PendingTimers {

		@Param({ "reactor", "stpe", "spring", "agrona" })
		public String loopImpl;

		final Runnable batch = () -> {
			for (int i = 0; i < PendingTimers.BATCH; i++) {
				int slot = next();
				this.timers.cancel(slot);
				this.timers.schedule(slot, PendingTimers.delay(slot));
			}
		};

		@Override
		String implementation() {
			return this.loopImpl;
		}

	}

	/** Cross-thread: every thread-safe implementation. */
	@State(Scope.Benchmark)
	public static class Cross extends PendingTimers {

		@Param({ "reactor", "stpe", "spring", "hwt-1ms", "fjp" })
		public String impl;

		@Override
		String implementation() {
			return this.impl;
		}

	}

}
