package dev.reactortime.benchmarks.timers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every adapter the running JDK can create schedules, cancels, reschedules and fires: a few timers each, so the
 * benchmarks never measure an adapter that does not work. Runs in about a second.
 */
class TimersSmokeTests {

	static Iterable<String> implementations() {
		return Timers.available();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void cancelledAndRescheduledTimersDoNotFireAndTheOthersDo(String name) throws InterruptedException {
		AtomicInteger fired = new AtomicInteger();
		try (TimerAdapter timers = Timers.create(name, fired::incrementAndGet, 4, Workload.LAG)) {
			long soon = TimeUnit.MILLISECONDS.toNanos(5);
			timers.runOnTimerThread(() -> {
				for (int slot = 0; slot < 4; slot++) {
					timers.schedule(slot, soon);
				}
				timers.cancel(0);
				timers.forget(0);
				timers.reschedule(1, TimeUnit.HOURS.toNanos(1));
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (fired.get() < 2 && System.nanoTime() < deadline) {
				if (timers.threading() == TimerAdapter.Threading.CALLER) {
					timers.runOnTimerThread(timers::poll);
				}
				Thread.sleep(1);
			}
			Thread.sleep(20);
			if (timers.threading() == TimerAdapter.Threading.CALLER) {
				timers.poll();
			}
			assertThat(fired).as(name).hasValue(2);
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void submittedTasksRunOnceTheirDelayHasPassed(String name) throws InterruptedException {
		try (TimerAdapter timers = Timers.create(name, () -> {
		}, 1, Workload.LAG)) {
			if (timers.threading() == TimerAdapter.Threading.CALLER) {
				return; // Agrona runs one handler; it takes part in no scenario that submits.
			}
			CountDownLatch ran = new CountDownLatch(1);
			long start = System.nanoTime();
			long delay = TimeUnit.MILLISECONDS.toNanos(2);
			long[] started = new long[1];
			timers.submit(() -> {
				started[0] = System.nanoTime();
				ran.countDown();
			}, delay);
			assertThat(ran.await(5, TimeUnit.SECONDS)).as(name).isTrue();
			assertThat(started[0] - start).as(name).isGreaterThanOrEqualTo(delay);
		}
	}

}
