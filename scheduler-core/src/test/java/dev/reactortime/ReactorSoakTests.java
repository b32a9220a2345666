package dev.reactortime;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak run (not in the default build): {@code mvn -B -pl scheduler-core test -Psoak -Dsoak.minutes=10}.
 * One producer schedules 50,000 calls per second with delays of 1–100 ms and cancels one in five; each minute the
 * heap after a full GC and the lag percentiles of that minute are printed. The heap must stay flat (last minute
 * within 10% + 8 MB of the first), no call may fire early, and every call not cancelled must run.
 */
@Tag("soak")
class ReactorSoakTests {

	private static final int CALLS_PER_SECOND = 50_000;

	@Test
	void fiftyThousandCallsPerSecondWithOneInFiveCancelledKeepTheHeapFlat() {
		long minutes = Long.getLong("soak.minutes", 10);
		Reactor reactor = Reactor.builder().daemon(true).threadName("soak-reactor").build();
		reactor.start();
		Recorder lag = new Recorder(3);
		AtomicLong early = new AtomicLong();
		AtomicLong ran = new AtomicLong();
		long scheduled = 0;
		long cancelled = 0;
		List<Long> heapAfterGc = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		long periodNanos = 1_000_000_000L / CALLS_PER_SECOND;
		long began = System.nanoTime();
		long next = began;
		long minuteEnd = began + Duration.ofMinutes(1).toNanos();
		long end = began + Duration.ofMinutes(minutes).toNanos();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		DelayedCall toCancel = null;
		while (System.nanoTime() < end) {
			long now = System.nanoTime();
			while (next <= now) {
				long delayNanos = 1_000_000L + random.nextLong(99_000_000L);
				long deadline = System.nanoTime() + delayNanos;
				DelayedCall call = reactor.callLater(Duration.ofNanos(delayNanos), () -> {
					long late = System.nanoTime() - deadline;
					if (late < 0) {
						early.incrementAndGet();
					}
					else {
						lag.recordValue(late / 1000);
					}
					ran.incrementAndGet();
				});
				scheduled++;
				if (toCancel != null) {
					try {
						toCancel.cancel();
						cancelled++;
					}
					catch (AlreadyCalledException ex) {
						// ran already: it counts as run
					}
					toCancel = null;
				}
				if (random.nextInt(5) == 0) {
					toCancel = call;
				}
				next += periodNanos;
			}
			if (now >= minuteEnd) {
				heapAfterGc.add(heapAfterFullGc());
				Histogram minute = lag.getIntervalHistogram();
				lines.add(String.format("minute %d: heap after GC %.1f MB, lag us p50=%d p99=%d p99.9=%d max=%d, calls=%d",
						heapAfterGc.size(), heapAfterGc.get(heapAfterGc.size() - 1) / 1e6, minute.getValueAtPercentile(50),
						minute.getValueAtPercentile(99), minute.getValueAtPercentile(99.9), minute.getMaxValue(),
						minute.getTotalCount()));
				System.out.println("soak " + lines.get(lines.size() - 1));
				minuteEnd += Duration.ofMinutes(1).toNanos();
			}
			LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (reactor.pendingCount() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(1_000_000);
		}
		reactor.close();
		System.out.printf("soak: %d minutes, scheduled=%d cancelled=%d ran=%d early=%d%n", minutes, scheduled, cancelled,
				ran.get(), early.get());
		assertThat(early).hasValue(0);
		assertThat(ran.get()).isEqualTo(scheduled - cancelled);
		if (heapAfterGc.size() >= 2) {
			long first = heapAfterGc.get(0);
			long last = heapAfterGc.get(heapAfterGc.size() - 1);
			assertThat(last).as("heap after GC, last minute vs first").isLessThanOrEqualTo((long) (first * 1.1) + 8_000_000);
		}
	}

	private static long heapAfterFullGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
