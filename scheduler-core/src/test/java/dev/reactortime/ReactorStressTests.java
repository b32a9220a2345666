package dev.reactortime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No call lost, none run twice: threads schedule, cancel, reset and delay calls (and deferLater futures) on the
 * real-time reactor at once, each operation on a random call of any thread; afterwards every call that was not
 * cancelled has run exactly once, no earlier than its last due time, and every cancelled one never ran.
 *
 * <p>The default size runs in the build; the full size (8 threads × 1,000,000 operations) runs with
 * {@code mvn -B verify -Pstress -pl scheduler-core}.
 */
class ReactorStressTests {

	@Test
	void fourThreadsSchedulingAndCancellingTwoHundredThousandCallsLoseNoneAndRunNoneTwice() throws Exception {
		StressResult result = stress(4, 100_000);
		assertThat(result.scheduled()).isGreaterThanOrEqualTo(200_000);
	}

	@Test
	@Tag("stress-full")
	void eightThreadsTimesAMillionOperationsLoseNoCallAndRunNoneTwice() throws Exception {
		stress(8, 1_000_000);
	}

	record StressResult(long scheduled, long cancelled, long ran, double opsPerSecond) {
	}

	private StressResult stress(int threads, int operationsPerThread) throws Exception {
		// 6 operations in 10 schedule, 2 cancel, 1 resets, 1 delays; the arrays fit every operation scheduling.
		int capacity = threads * operationsPerThread;
		AtomicIntegerArray runs = new AtomicIntegerArray(capacity);
		AtomicReferenceArray<Instant> ranAt = new AtomicReferenceArray<>(capacity);
		AtomicReferenceArray<DelayedCall> calls = new AtomicReferenceArray<>(capacity);
		AtomicReferenceArray<CompletableFuture<Integer>> futures = new AtomicReferenceArray<>(capacity);
		AtomicIntegerArray cancelled = new AtomicIntegerArray(capacity);
		AtomicLong nextIndex = new AtomicLong();
		Reactor reactor = Reactor.builder().daemon(true).threadName("stress-reactor").build();
		reactor.start();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
					ThreadLocalRandom random = ThreadLocalRandom.current();
					for (int op = 0; op < operationsPerThread; op++) {
						int kind = random.nextInt(10);
						long scheduledSoFar = nextIndex.get();
						if (kind < 6 || scheduledSoFar == 0) {
							int index = (int) nextIndex.getAndIncrement();
							Duration delay = Duration.ofNanos(random.nextLong(5_000_000));
							if (kind == 0) {
								CompletableFuture<Integer> future = reactor.deferLater(delay, () -> {
									ranAt.set(index, reactor.now());
									return runs.incrementAndGet(index);
								});
								futures.set(index, future);
							}
							else {
								calls.set(index, reactor.callLater(delay, () -> {
									ranAt.set(index, reactor.now());
									runs.incrementAndGet(index);
								}));
							}
							continue;
						}
						int target = random.nextInt((int) scheduledSoFar);
						DelayedCall call = calls.get(target);
						CompletableFuture<Integer> future = futures.get(target);
						try {
							if (kind < 8) {
								if (call != null) {
									call.cancel();
									cancelled.set(target, 1);
								}
								else if (future != null && future.cancel(false)) {
									cancelled.set(target, 1);
								}
							}
							else if (kind < 9 && call != null) {
								call.reset(Duration.ofNanos(random.nextLong(3_000_000)));
							}
							else if (call != null) {
								call.delay(Duration.ofNanos(random.nextLong(1_000_000)));
							}
						}
						catch (AlreadyCalledException | AlreadyCancelledException expected) {
							// lost the race to the reactor or another thread: that is the point
						}
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}, "stress-worker-" + t);
			workers.add(worker);
			worker.start();
		}
		long began = System.nanoTime();
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		assertThat(failures).isEmpty();
		await().atMost(Duration.ofSeconds(60)).until(() -> reactor.pendingCount() == 0);
		reactor.close();
		int scheduled = (int) nextIndex.get();
		long cancelledCount = 0;
		long ranCount = 0;
		for (int i = 0; i < scheduled; i++) {
			int ran = runs.get(i);
			boolean wasCancelled = cancelled.get(i) == 1;
			DelayedCall call = calls.get(i);
			if (wasCancelled) {
				cancelledCount++;
				assertThat(ran).as("cancelled call %d ran", i).isZero();
			}
			else {
				ranCount++;
				assertThat(ran).as("call %d ran %d times", i, ran).isEqualTo(1);
				if (call != null) {
					assertThat(ranAt.get(i)).as("call %d ran before its due time", i).isAfterOrEqualTo(call.getTime());
				}
			}
		}
		StressResult result = new StressResult(scheduled, cancelledCount, ranCount,
				threads * (double) operationsPerThread / seconds);
		System.out.printf("stress: %d threads x %d ops: %.0f ops/s; scheduled=%d cancelled=%d ran=%d%n", threads,
				operationsPerThread, result.opsPerSecond(), scheduled, cancelledCount, ranCount);
		return result;
	}

}
