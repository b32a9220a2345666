package dev.reactortime.durable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Creates db-scheduler's {@code scheduled_tasks} table if it does not exist, with the DDL of the database at hand
 * (PostgreSQL, or H2 and HSQLDB). The scripts are in this jar: {@code dev/reactortime/durable/schema-*.sql}; the
 * README shows them for users who manage their own schema.
 */
public final class DurableSchema {

	private DurableSchema() {
	}

	/**
	 * Creates the table and its indexes if missing. Safe to call from several instances at once on PostgreSQL
	 * ({@code if not exists}).
	 * @param dataSource the database
	 * @throws IllegalStateException for a database without a script here, or a failed statement
	 */
	public static void create(DataSource dataSource) {
		create(dataSource, DurableCalls.DEFAULT_TABLE);
	}

	/**
	 * Creates the table under another name (and its indexes, named after it) if missing.
	 * @param dataSource the database
	 * @param tableName the table name, letters, digits and underscores
	 * @throws IllegalArgumentException for a table name that is not a plain SQL identifier
	 * @throws IllegalStateException for a database without a script here, or a failed statement
	 */
	public static void create(DataSource dataSource, String tableName) {
		if (!tableName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("Table name must be a plain SQL identifier: '" + tableName + "'");
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			String product = connection.getMetaData().getDatabaseProductName();
			String script = script(product).replace(DurableCalls.DEFAULT_TABLE, tableName);
			for (String sql : script.split(";")) {
				if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
					statement.execute(sql);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create db-scheduler's table " + tableName + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The DDL script for a database product.
	 * @param databaseProductName as JDBC's {@code DatabaseMetaData.getDatabaseProductName()} says it
	 * @return the script
	 * @throws IllegalStateException for a database without a script here
	 */
	public static String script(String databaseProductName) {
		String product = databaseProductName.toLowerCase(Locale.ROOT);
		String name;
		if (product.contains("postgres")) {
			name = "schema-postgresql.sql";
		}
		else if (product.contains("h2") || product.contains("hsql")) {
			name = "schema-h2.sql";
		}
		else {
			throw new IllegalStateException("No scheduled_tasks DDL for " + databaseProductName
					+ " here; create the table with db-scheduler's script for it and set"
					+ " reactortime.durable.initialize-schema=never");
		}
		try (InputStream in = DurableSchema.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
