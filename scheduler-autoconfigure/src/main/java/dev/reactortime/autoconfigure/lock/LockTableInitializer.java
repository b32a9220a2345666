package dev.reactortime.autoconfigure.lock;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import dev.reactortime.autoconfigure.SchemaInitialization;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Creates ShedLock's lock table when {@code reactortime.lock.jdbc.initialize-schema} says so and the table does not
 * exist yet. The statement is the one ShedLock documents, in types every common database accepts; several instances
 * starting at once may race to create it, and the losers find it there.
 */
final class LockTableInitializer {

	private static final Log logger = LogFactory.getLog(LockTableInitializer.class);

	private LockTableInitializer() {
	}

	static void initialize(DataSource dataSource, ReactortimeLockProperties.Jdbc settings) {
		SchemaInitialization mode = settings.getInitializeSchema();
		if (mode == SchemaInitialization.NEVER) {
			return;
		}
		String table = settings.getTableName();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			if (!mode.appliesTo(metaData)) {
				return;
			}
			if (exists(metaData, table)) {
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE " + table + " (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL,"
						+ " locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
				logger.info("Created the lock table '" + table + "'");
			}
			catch (SQLException ex) {
				if (!exists(connection.getMetaData(), table)) {
					throw ex;
				}
				// Another instance created it meanwhile.
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the lock table '" + table
					+ "' (reactortime.lock.jdbc.initialize-schema=" + mode.name().toLowerCase(Locale.ROOT)
					+ "); create it yourself and set it to 'never'", ex);
		}
	}

	private static boolean exists(DatabaseMetaData metaData, String qualifiedName) throws SQLException {
		int dot = qualifiedName.indexOf('.');
		String schema = (dot < 0) ? null : qualifiedName.substring(0, dot);
		String table = qualifiedName.substring(dot + 1);
		// Unquoted names are folded to upper case (H2, Oracle) or lower case (PostgreSQL): look for all three.
		for (String name : new String[] { table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT) }) {
			String schemaPattern = (schema == null) ? null
					: (name.equals(table) ? schema
							: (name.equals(table.toUpperCase(Locale.ROOT)) ? schema.toUpperCase(Locale.ROOT)
									: schema.toLowerCase(Locale.ROOT)));
			try (ResultSet tables = metaData.getTables(null, schemaPattern, name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
