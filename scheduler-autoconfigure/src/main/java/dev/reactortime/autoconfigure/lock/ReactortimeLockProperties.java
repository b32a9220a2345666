package dev.reactortime.autoconfigure.lock;

import java.time.Duration;
import java.util.regex.Pattern;

import dev.reactortime.autoconfigure.SchemaInitialization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of locks across instances, under {@code reactortime.lock.*}.
 */
@ConfigurationProperties("reactortime.lock")
public class ReactortimeLockProperties implements Validator {

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	/**
	 * How long a lock is kept if the instance holding it dies, for @SchedulerLock annotations without lockAtMostFor.
	 */
	private Duration defaultAtMostFor = Duration.ofMinutes(10);

	private final Jdbc jdbc = new Jdbc();

	public Duration getDefaultAtMostFor() {
		return this.defaultAtMostFor;
	}

	public void setDefaultAtMostFor(Duration defaultAtMostFor) {
		this.defaultAtMostFor = defaultAtMostFor;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ReactortimeLockProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ReactortimeLockProperties properties = (ReactortimeLockProperties) target;
		if (properties.getDefaultAtMostFor().isNegative() || properties.getDefaultAtMostFor().isZero()) {
			errors.rejectValue("defaultAtMostFor", "notPositive", "must be positive");
		}
		if (!TABLE_NAME.matcher(properties.getJdbc().getTableName()).matches()) {
			errors.rejectValue("jdbc.tableName", "notAnIdentifier",
					"must be an SQL identifier (letters, digits and '_', optionally schema.table)");
		}
	}

	/**
	 * Settings of the lock provider auto-configured on the application's DataSource.
	 */
	public static class Jdbc {

		/**
		 * When to create the lock table: only for an embedded database, always (if it does not exist), or never.
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * Name of the lock table.
		 */
		private String tableName = "shedlock";

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

	}

}
