package dev.reactortime.autoconfigure.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for the lock tests, started by the tests themselves (zonky's embedded binaries): one per test
 * class, quiet, and able to go down and come back on the same port with the same data, as a database restarted by
 * its operators would.
 */
final class TestPostgres implements AutoCloseable {

	private final Path dataDirectory;

	private @Nullable EmbeddedPostgres postgres;

	private int port;

	private TestPostgres(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	static TestPostgres start() {
		try {
			quiet("io.zonky", Level.WARN);
			TestPostgres postgres = new TestPostgres(Files.createTempDirectory("reactortime-pg"));
			// Never cleaned by zonky (a stop would delete the data a restart needs): close() deletes it.
			postgres.postgres = builder(postgres.dataDirectory).start();
			postgres.port = postgres.postgres.getPort();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Keeps a chatty library's INFO lines out of the build's output. */
	static void quiet(String loggerName, Level level) {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerName)).setLevel(level);
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory) {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(true)
			.setOutputRedirector(Redirect.DISCARD)
			.setErrorRedirector(Redirect.DISCARD);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres?user=postgres";
	}

	/** Stops the server, keeping its data. */
	void stop() {
		try {
			EmbeddedPostgres postgres = this.postgres;
			this.postgres = null;
			if (postgres != null) {
				postgres.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server again on the same port, with the same data. */
	void restart() {
		try {
			this.postgres = builder(this.dataDirectory).setPort(this.port).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.dataDirectory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind is no failure.
		}
	}

}
