package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Run once in the cluster: 3 instances on one PostgreSQL, calls due over a window, each run exactly once and spread
 * across the instances. The default build runs 1,500 calls over 5 s; {@code -Pstress} the 10,000 over 20 s.
 */
class ClusterTests {

	private static Postgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = Postgres.start();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@BeforeEach
	void emptyTable() {
		postgres.truncate();
	}

	@Test
	void threeInstancesRunEachOfFifteenHundredCallsExactlyOnce() throws Exception {
		runOnce(1_500, Duration.ofSeconds(5));
	}

	@Test
	@Tag("stress-full")
	void threeInstancesRunEachOfTenThousandCallsExactlyOnce() throws Exception {
		runOnce(10_000, Duration.ofSeconds(20));
	}

	private void runOnce(int total, Duration window) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try (Cluster cluster = new Cluster(postgres, 3, true, (builder) -> builder).start()) {
			// Scheduling runs at about 1,000 calls a second here: the window starts once most are in the table.
			Instant scheduling = Instant.now();
			Instant first = scheduling.plusSeconds(2).plusMillis(total);
			long stepNanos = window.toNanos() / total;
			List<Future<?>> scheduled = new ArrayList<>();
			for (int i = 0; i < total; i++) {
				String id = "call-" + i;
				Instant dueAt = first.plusNanos(i * stepNanos);
				DurableCalls calls = cluster.calls(i);
				scheduled.add(callers.submit(() -> calls.callLater("send-reminder", id,
						positive(Duration.between(Instant.now(), dueAt)), new Reminder(id, dueAt))));
			}
			for (Future<?> future : scheduled) {
				future.get();
			}
			Duration schedulingTook = Duration.between(scheduling, Instant.now());
			await().atMost(window.plusSeconds(60)).until(() -> cluster.runs.distinct() == total);
			Thread.sleep(1000); // a second run of anything would show by now

			Map<String, Long> perInstance = cluster.runs.perInstance();
			long runs = perInstance.values().stream().mapToLong(Long::longValue).sum();
			long[] lags = cluster.lagMicros.values().stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("cluster: %,d calls due over %d s on 3 instances (scheduled in %d ms)%n", total,
					window.toSeconds(), schedulingTook.toMillis());
			System.out.printf("  %-8s %8s%n", "instance", "runs");
			perInstance.forEach((instance, count) -> System.out.printf("  %-8s %,8d%n", instance, count));
			System.out.printf("  %-8s %,8d (distinct calls %,d, run twice %d, left in table %d)%n", "total", runs,
					cluster.runs.distinct(), cluster.runs.ranMoreThanOnce().size(), postgres.count());
			System.out.printf("  lag p50 %.1f ms, p99 %.1f ms%n", lags[lags.length / 2] / 1000.0,
					lags[(int) Math.ceil(lags.length * 0.99) - 1] / 1000.0);

			assertThat(cluster.runs.ranMoreThanOnce()).as("calls run more than once").isEmpty();
			assertThat(runs).isEqualTo(total);
			assertThat(perInstance).hasSize(3);
			perInstance.values().forEach((count) -> assertThat(count).as("runs of one instance")
				.isGreaterThan(total / 10));
			assertThat(postgres.count()).isZero();
		}
		finally {
			callers.shutdown();
		}
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
