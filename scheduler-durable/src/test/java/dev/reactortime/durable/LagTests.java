package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On time: 3 instances, 100 calls a second each due 1 s after it is scheduled, lag (start minus due time) with the
 * reactor's wake-ups and with db-scheduler's default polling alone (10 s), in the same run on the same database.
 */
class LagTests {

	private static final int RATE = 100;

	private static final Duration LOAD = Duration.ofSeconds(6);

	private static Postgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = Postgres.start();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@Test
	void wakeUpsFireHundredsOfTimesSoonerThanDefaultPolling() throws Exception {
		long[] woken = measure(true);
		long[] polled = measure(false);
		System.out.printf("lag at %d calls/s, 3 instances, %d calls measured each run (after 1 s of warm-up):%n", RATE, woken.length);
		System.out.printf("  reactor wake-ups:                  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
				woken[woken.length / 2] / 1000.0, p99(woken) / 1000.0, woken[woken.length - 1] / 1000.0);
		System.out.printf("  db-scheduler alone (10 s polling): p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
				polled[polled.length / 2] / 1000.0, p99(polled) / 1000.0, polled[polled.length - 1] / 1000.0);
		System.out.printf("  ratio: p50 %.0fx, p99 %.0fx%n", (double) polled[polled.length / 2] / Math.max(1, woken[woken.length / 2]),
				(double) p99(polled) / Math.max(1, p99(woken)));
		// Generous bounds for a shared 2-core machine; the printed numbers are the measurement.
		assertThat(p99(woken)).as("p99 lag with wake-ups, microseconds").isLessThan(1_000_000);
		assertThat(polled[polled.length / 2]).as("p50 lag of polling vs wake-ups")
			.isGreaterThan(100L * Math.max(1, woken[woken.length / 2]));
	}

	private static long p99(long[] sorted) {
		return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
	}

	private long[] measure(boolean wakeUps) throws Exception {
		postgres.truncate();
		int total = (int) (RATE * LOAD.toSeconds());
		ExecutorService callers = Executors.newFixedThreadPool(6);
		try (Cluster cluster = new Cluster(postgres, 3, wakeUps, (builder) -> builder).start()) {
			List<Future<?>> scheduled = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				LockSupport.parkNanos(start + i * (1_000_000_000L / RATE) - System.nanoTime());
				String id = (wakeUps ? "woken-" : "polled-") + i;
				DurableCalls calls = cluster.calls(i);
				scheduled.add(callers.submit(() -> {
					Instant dueAt = Instant.now().plusSeconds(1);
					calls.callLater("send-reminder", id, Duration.between(Instant.now(), dueAt),
							new Reminder(id, dueAt));
				}));
			}
			for (Future<?> future : scheduled) {
				future.get();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> cluster.runs.distinct() == total);
			assertThat(cluster.runs.ranMoreThanOnce()).isEmpty();
			// The first second warms the JVMs up (JIT, connection pools); the other four are measured.
			return cluster.lagMicros.entrySet().stream()
				.filter((entry) -> Integer.parseInt(entry.getKey().substring(entry.getKey().indexOf('-') + 1)) >= RATE)
				.mapToLong(Map.Entry::getValue).sorted().toArray();
		}
		finally {
			callers.shutdown();
		}
	}

}
