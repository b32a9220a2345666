package dev.reactortime.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

/**
 * When reactortime creates a table of its own (the lock table, db-scheduler's table): the values of
 * {@code reactortime.lock.jdbc.initialize-schema} and {@code reactortime.durable.initialize-schema}, as with Spring
 * Boot's {@code spring.sql.init.mode}. An embedded database is told by its product name, as Boot tells it, so that
 * no spring-boot-jdbc is needed.
 */
public enum SchemaInitialization {

	/** Only when the DataSource is an embedded database (H2, HSQLDB, Derby). */
	EMBEDDED,

	/** On any database, if the table does not exist yet. */
	ALWAYS,

	/** Never: the application creates the table (its migrations; the README has the DDL). */
	NEVER;

	/** Product names of the databases Spring Boot counts as embedded, lower case. */
	private static final Set<String> EMBEDDED_PRODUCTS = Set.of("h2", "hsql database engine", "apache derby");

	/**
	 * Whether the table should be created on the database described by {@code metaData}.
	 * @param metaData the database's metadata
	 * @return {@code true} to create it (if it does not exist)
	 * @throws SQLException if the metadata cannot be read
	 */
	public boolean appliesTo(DatabaseMetaData metaData) throws SQLException {
		return switch (this) {
			case ALWAYS -> true;
			case NEVER -> false;
			case EMBEDDED -> EMBEDDED_PRODUCTS.contains(metaData.getDatabaseProductName().toLowerCase(Locale.ROOT));
		};
	}

	/**
	 * Whether the table should be created on {@code dataSource}; a database that cannot be reached is not embedded.
	 * @param dataSource the application's DataSource
	 * @return {@code true} to create it (if it does not exist)
	 */
	public boolean appliesTo(DataSource dataSource) {
		if (this != EMBEDDED) {
			return this == ALWAYS;
		}
		try (Connection connection = dataSource.getConnection()) {
			return appliesTo(connection.getMetaData());
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
