package dev.reactortime.clusterdemo;

import java.lang.ProcessBuilder.Redirect;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A throw-away PostgreSQL for {@code several-instances.sh} (zonky's embedded binaries: no installation, no Docker):
 * {@code java ... ThrowAwayPostgres PORT} starts it, prints its JDBC URL, and stops it (deleting its data) when the
 * process ends.
 */
public final class ThrowAwayPostgres {

	private ThrowAwayPostgres() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setOutputRedirector(Redirect.DISCARD)
			.setErrorRedirector(Redirect.DISCARD)
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
			}
			catch (Exception ex) {
				// Ending anyway.
			}
		}));
		System.out.println("PostgreSQL ready: " + postgres.getJdbcUrl("postgres", "postgres"));
		Thread.currentThread().join();
	}

}
