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
 * Scenario B, the idle-timeout pattern: move the next pending timer of the ring 1 ms later, with a million pending.
 * The reactor does it with {@code DelayedCall.delay}; the peers cancel and schedule again at the old deadline + 1 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
public class RescheduleBenchmark {

	static final long ONE_MS = TimeUnit.MILLISECONDS.toNanos(1);

	@Benchmark
	@OperationsPerInvocation(PendingTimers.BATCH)
	public void inLoop(Loop state) {
		state.timers.runOnTimerThread(state.batch);
	}

	@Benchmark
	public void crossThread(Cross state) {
		state.timers.reschedule(state.next(), ONE_MS);
	}

	/** In-loop: the implementations whose own thread can run a batch (Netty's wheel cannot: from its thread, scheduling takes the same queue as from any other), and Agrona's caller. */
	@State(Scope.Benchmark)
	public static class Loop extends PendingTimers {

		@Param({ "reactor", "stpe", "spring", "agrona" })
		public String loopImpl;

		final Runnable batch = () -> {
			for (int i = 0; i < PendingTimers.BATCH; i++) {
				this.timers.reschedule(next(), ONE_MS);
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
