package dev.reactortime.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reactortime.Reactor;
import dev.reactortime.durable.Payloads.Reminder;

/**
 * An instance in a JVM of its own, for {@link CrashTests} to kill with SIGKILL: it runs {@code send-reminder} calls,
 * writing each start to the {@code runs} table, and hangs in the call named {@code crash-me} after printing
 * {@code HANGING} so the test knows when to kill it.
 */
public final class CrashVictim {

	private CrashVictim() {
	}

	public static void main(String[] args) throws Exception {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(args[0]);
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(8);
		HikariDataSource pool = new HikariDataSource(config);
		Reactor reactor = Reactor.create();
		reactor.start();
		DurableCalls calls = CrashTests.settings(DurableCalls.builder(pool))
			.instanceName("victim")
			.reactor(reactor)
			.task("send-reminder", Reminder.class, (reminder) -> {
				recordRun(pool, reminder.order(), "victim");
				if (reminder.order().equals("crash-me")) {
					System.out.println("HANGING");
					System.out.flush();
					sleep(Duration.ofHours(1));
				}
			})
			.build();
		calls.start();
		System.out.println("STARTED");
		System.out.flush();
		sleep(Duration.ofHours(1));
	}

	static void recordRun(DataSource dataSource, String id, String instance) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection
					.prepareStatement("insert into runs (call_id, instance, started_at) values (?, ?, clock_timestamp())")) {
			insert.setString(1, id);
			insert.setString(2, instance);
			insert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
