package dev.reactortime.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.Reactor;
import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls outlive their instance: scheduled on one, run by the next one started after a gap, each exactly once, the
 * overdue ones at once and in due order. A real PostgreSQL, real time.
 */
class RestartTests {

	private static Postgres postgres;

	private final Runs runs = new Runs();

	private final Map<String, Instant> due = new ConcurrentHashMap<>();

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
	void thousandCallsSurviveARestartAndEachRunsOnceTheOverdueOnesAtOnce() throws Exception {
		Instance first = new Instance("first", 10);
		Instant scheduledAt;
		Duration scheduling;
		int ranBeforeRestart;
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			first.start();
			warmUp(first, callers);
			scheduledAt = Instant.now();
			List<Future<?>> scheduled = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				String id = "order-" + i;
				Instant dueAt = scheduledAt.plusMillis(1000 + i * 4L);
				this.due.put(id, dueAt);
				scheduled.add(callers.submit(
						() -> first.calls.callLater("send-reminder", id, until(dueAt), new Reminder(id, dueAt))));
			}
			for (Future<?> future : scheduled) {
				future.get();
			}
			scheduling = Duration.between(scheduledAt, Instant.now());
			Thread.sleep(Math.max(0, 500 - scheduling.toMillis()));
		}
		finally {
			callers.shutdown();
			first.close();
		}
		ranBeforeRestart = this.runs.distinct();
		System.out.printf("restart: 1,000 calls scheduled in %d ms; %d ran before the first instance closed%n",
				scheduling.toMillis(), ranBeforeRestart);
		assertThat(countRows()).isEqualTo(1000 - ranBeforeRestart);

		Thread.sleep(Math.max(0, Duration.between(Instant.now(), scheduledAt.plusSeconds(3)).toMillis()));
		Instance second = new Instance("second", 10);
		Instant restartedAt = Instant.now();
		second.start();
		try {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.runs.distinct()).isEqualTo(1000));
			Thread.sleep(500); // anything run twice would show by now
		}
		finally {
			second.close();
		}

		assertThat(this.runs.ranMoreThanOnce()).as("calls run more than once").isEmpty();
		assertThat(this.runs.perInstance().get("second")).isEqualTo(1000L - ranBeforeRestart);
		List<Long> overdueLateness = new ArrayList<>();
		List<Long> onTimeLag = new ArrayList<>();
		this.due.forEach((id, dueAt) -> {
			Instant ran = this.runs.first(id);
			if (ran.isBefore(restartedAt)) {
				return; // ran on the first instance, scheduling took longer than its due time
			}
			if (dueAt.isBefore(restartedAt)) {
				overdueLateness.add(Duration.between(restartedAt, ran).toMillis());
			}
			else {
				onTimeLag.add(Duration.between(dueAt, ran).toMillis());
			}
		});
		overdueLateness.sort(null);
		onTimeLag.sort(null);
		System.out.printf("restart: %d overdue calls ran %d..%d ms after the restart; %d later calls lag p50 %d ms,"
				+ " max %d ms%n", overdueLateness.size(), overdueLateness.get(0),
				overdueLateness.get(overdueLateness.size() - 1), onTimeLag.size(),
				onTimeLag.get(onTimeLag.size() / 2), onTimeLag.get(onTimeLag.size() - 1));
		// On a loaded machine scheduling 1,000 calls can take longer than 1 s, so some run on the first instance
		// before it closes; each still runs once. The rest, due during the gap, run at once after the restart.
		assertThat(overdueLateness).hasSizeGreaterThan(100);
		assertThat(overdueLateness.get(overdueLateness.size() - 1)).as("last overdue call, ms after restart")
			.isLessThan(3000);
		// Calls due in the first second after the restart queue behind the overdue ones; the bound is generous for a
		// loaded machine (LagTests measures lag).
		assertThat(onTimeLag.get(onTimeLag.size() / 2)).as("p50 lag of calls due after the restart, ms")
			.isLessThan(1000);
		assertThat(countRows()).isZero();
	}

	@Test
	void overdueCallsRunAtStartInDueOrder() throws Exception {
		Instance first = new Instance("first", 1);
		Instant now = Instant.now();
		for (int i = 19; i >= 0; i--) {
			// scheduled in reverse, due in order: order-0 first
			Instant dueAt = now.plusMillis(300 + i * 10L);
			first.calls.callLater("send-reminder", "order-" + i, until(dueAt), new Reminder("order-" + i, dueAt));
		}
		first.close();
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), now.plusMillis(700)).toMillis()));
		Instance second = new Instance("second", 1);
		second.start();
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.runs.distinct()).isEqualTo(20));
		}
		finally {
			second.close();
		}
		List<String> order = this.runs.all().stream()
			.sorted(java.util.Comparator.comparing(Runs.Run::at))
			.map(Runs.Run::id)
			.toList();
		assertThat(order).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "order-" + i).toList());
	}

	/** Schedules and deletes 500 calls: a cold JVM schedules several times slower than a warm one. */
	private static void warmUp(Instance instance, ExecutorService callers) throws Exception {
		List<Future<?>> scheduled = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			String id = "warm-up-" + i;
			scheduled.add(callers.submit(() -> instance.calls.callLater("send-reminder", id, Duration.ofHours(1),
					new Reminder(id, Instant.now()))));
		}
		for (Future<?> future : scheduled) {
			future.get();
		}
		postgres.truncate();
	}

	private static Duration until(Instant at) {
		Duration left = Duration.between(Instant.now(), at);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private long countRows() {
		try (var connection = postgres.unpooled().getConnection();
				var rows = connection.createStatement().executeQuery("select count(*) from scheduled_tasks")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One application instance: its own pool, reactor and db-scheduler. */
	private final class Instance implements AutoCloseable {

		final HikariDataSource pool = postgres.pool(12);

		final Reactor reactor = Reactor.create();

		final DurableCalls calls;

		Instance(String name, int threads) {
			this.calls = DurableCalls.builder(this.pool)
				.instanceName(name)
				.threads(threads)
				.reactor(this.reactor)
				.task("send-reminder", Reminder.class, (reminder) -> RestartTests.this.runs.record(reminder.order(), name))
				.build();
		}

		void start() {
			this.reactor.start();
			this.calls.start();
		}

		@Override
		public void close() {
			this.calls.close();
			this.reactor.close();
			this.pool.close();
		}

	}

}
