package dev.reactortime.durable;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.Reactor;
import dev.reactortime.durable.Payloads.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At least once for crashed runs: a JVM killed with SIGKILL in the middle of a handler; its call runs again on another
 * instance once the dead JVM's heartbeats are missed (set short here), and nothing else runs twice.
 */
class CrashTests {

	private static Postgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = Postgres.start();
		postgres.execute("create table runs (call_id text not null, instance text not null,"
				+ " started_at timestamptz not null)");
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	/** Heartbeats every 250 ms, dead after 4 missed (1 s): db-scheduler's default is 5 min × 6. */
	static DurableCalls.Builder settings(DurableCalls.Builder builder) {
		return builder.heartbeatInterval(Duration.ofMillis(250)).missedHeartbeatsLimit(4).threads(4);
	}

	@Test
	void aCallCutOffBySigkillRunsAgainOnAnotherInstanceAndNothingElseRunsTwice() throws Exception {
		Process victim = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
				"-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file"),
				CrashVictim.class.getName(), postgres.jdbcUrl())
			.redirectError(new File("target/crash-victim.log"))
			.start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
				out.lines().forEach(lines::add);
			}
			catch (Exception ex) {
				// the process died
			}
		});
		reader.setDaemon(true);
		reader.start();
		HikariDataSource pool = postgres.pool(8);
		Reactor reactor = Reactor.create();
		DurableCalls survivor = null;
		try {
			assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("STARTED");
			// Only the victim runs for now: it takes crash-me (due first) and some of the others.
			Instant now = Instant.now();
			DurableCalls client = DurableCalls.builder(pool).task("send-reminder", Reminder.class, (reminder) -> {
			}).build();
			client.callLater("send-reminder", "crash-me", Duration.ZERO, new Reminder("crash-me", now));
			for (int i = 0; i < 20; i++) {
				client.callLater("send-reminder", "other-" + i, Duration.ofMillis(100 + i * 50L),
						new Reminder("other-" + i, now));
			}
			assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("HANGING");
			Thread.sleep(300);
			reactor.start();
			survivor = settings(DurableCalls.builder(pool)).instanceName("survivor")
				.reactor(reactor)
				.task("send-reminder", Reminder.class,
						(reminder) -> CrashVictim.recordRun(pool, reminder.order(), "survivor"))
				.build();
			survivor.start();
			Thread.sleep(700);
			Instant killedAt = Instant.now();
			victim.destroyForcibly(); // SIGKILL on Linux
			assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

			await().atMost(Duration.ofSeconds(30)).until(() -> runs("crash-me").size() == 2);
			await().atMost(Duration.ofSeconds(10)).until(() -> postgres.count() == 0);
			Thread.sleep(500);

			Map<String, List<String>> runs = allRuns();
			System.out.printf("crash: killed the victim %d ms after it hung; crash-me ran on %s; per instance %s%n",
					Duration.between(now, killedAt).toMillis(), runs.get("crash-me"), perInstance(runs));
			assertThat(runs.get("crash-me")).containsExactly("victim", "survivor");
			assertThat(runs).hasSize(21);
			runs.forEach((id, instances) -> {
				if (!id.equals("crash-me")) {
					assertThat(instances).as("runs of " + id).hasSize(1);
				}
			});
		}
		finally {
			victim.destroyForcibly();
			if (survivor != null) {
				survivor.close();
			}
			reactor.close();
			pool.close();
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static List<String> runs(String id) {
		return allRuns().getOrDefault(id, List.of());
	}

	private static Map<String, List<String>> allRuns() {
		Map<String, List<String>> runs = new TreeMap<>();
		try (Connection connection = postgres.unpooled().getConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery("select call_id, instance from runs order by started_at")) {
			while (rows.next()) {
				runs.computeIfAbsent(rows.getString(1), (key) -> new java.util.ArrayList<>()).add(rows.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return runs;
	}

	private static Map<String, Long> perInstance(Map<String, List<String>> runs) {
		Map<String, Long> counts = new TreeMap<>();
		runs.values().forEach((instances) -> instances.forEach((i) -> counts.merge(i, 1L, Long::sum)));
		return counts;
	}

}
