package dev.reactortime.autoconfigure.actuate;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import dev.reactortime.durable.DurableTask;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application of the {@code durablecalls} endpoint tests: a PostgreSQL of its own (started and stopped with the
 * context), its table created, and two durable tasks: one that completes, one that fails every time.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DurableEndpointsApplication {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres() throws IOException {
		return EmbeddedPostgres.builder().start();
	}

	// A connection per statement, no pool (see durable.EmbeddedPostgres#pool).
	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		return new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
	}

	@Bean
	Mail mail() {
		return new Mail();
	}

	/** Handlers of the tests' durable tasks. */
	public static class Mail {

		final CountDownLatch failing = new CountDownLatch(1);

		@DurableTask("send-reminder")
		void send(Reminder reminder) {
		}

		@DurableTask("always-fails")
		void fail(Reminder reminder) {
			this.failing.countDown();
			throw new IllegalStateException("mail server down (on purpose)");
		}

	}

	/**
	 * A payload.
	 * @param user to whom
	 */
	public record Reminder(String user) {
	}

}
