package dev.reactortime.autoconfigure.durable;

import java.time.Duration;

import dev.reactortime.autoconfigure.SchemaInitialization;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of durable calls ({@code reactortime.durable.*}).
 */
@ConfigurationProperties("reactortime.durable")
public class DurableCallsProperties {

	/**
	 * Whether to auto-configure durable calls when a DataSource and scheduler-durable are present.
	 */
	private boolean enabled = true;

	/**
	 * When to create db-scheduler's table: "embedded" (only on an embedded database such as H2), "always" or
	 * "never".
	 */
	private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

	/**
	 * Name of db-scheduler's table.
	 */
	private String tableName = "scheduled_tasks";

	/**
	 * Name of this instance in the table's picked_by column. Empty for the host name and process id.
	 */
	private String instanceName = "";

	/**
	 * How often db-scheduler looks for due calls when the reactor does not wake it.
	 */
	private Duration pollingInterval = Duration.ofSeconds(10);

	/**
	 * How often the due times of the next window are read to wake db-scheduler at each of them.
	 */
	private Duration wakeUpRefresh = Duration.ofSeconds(1);

	/**
	 * Whether the reactor wakes db-scheduler at each due time (lag of milliseconds instead of up to the polling
	 * interval).
	 */
	private boolean wakeUps = true;

	/**
	 * Number of threads that run handlers on this instance.
	 */
	private int threads = 10;

	/**
	 * How often a running call's heartbeat is written.
	 */
	private Duration heartbeatInterval = Duration.ofMinutes(5);

	/**
	 * How many heartbeats a run may miss before it counts as dead and runs again.
	 */
	private int missedHeartbeatsLimit = 6;

	/**
	 * How long shutdown waits for running handlers.
	 */
	private Duration shutdownMaxWait = Duration.ofSeconds(30);

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

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

	public String getInstanceName() {
		return this.instanceName;
	}

	public void setInstanceName(String instanceName) {
		this.instanceName = instanceName;
	}

	public Duration getPollingInterval() {
		return this.pollingInterval;
	}

	public void setPollingInterval(Duration pollingInterval) {
		this.pollingInterval = pollingInterval;
	}

	public Duration getWakeUpRefresh() {
		return this.wakeUpRefresh;
	}

	public void setWakeUpRefresh(Duration wakeUpRefresh) {
		this.wakeUpRefresh = wakeUpRefresh;
	}

	public boolean isWakeUps() {
		return this.wakeUps;
	}

	public void setWakeUps(boolean wakeUps) {
		this.wakeUps = wakeUps;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public int getMissedHeartbeatsLimit() {
		return this.missedHeartbeatsLimit;
	}

	public void setMissedHeartbeatsLimit(int missedHeartbeatsLimit) {
		this.missedHeartbeatsLimit = missedHeartbeatsLimit;
	}

	public Duration getShutdownMaxWait() {
		return this.shutdownMaxWait;
	}

	public void setShutdownMaxWait(Duration shutdownMaxWait) {
		this.shutdownMaxWait = shutdownMaxWait;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/** Retries of a failing handler. */
	public static class Retry {

		/**
		 * Retries after the first failed run; then the call is kept as failed (visible and deletable).
		 */
		private int maxRetries = 3;

		/**
		 * Wait before the first retry.
		 */
		private Duration backoff = Duration.ofSeconds(1);

		/**
		 * Factor by which each next wait grows.
		 */
		private double backoffRate = 2.0;

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		public double getBackoffRate() {
			return this.backoffRate;
		}

		public void setBackoffRate(double backoffRate) {
			this.backoffRate = backoffRate;
		}

	}

}
