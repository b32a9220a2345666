package dev.reactortime.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the reactor's {@code TaskScheduler}, under {@code reactortime.task-scheduler.*}.
 */
@ConfigurationProperties("reactortime.task-scheduler")
public class ReactortimeTaskSchedulerProperties {

	/**
	 * Whether to run @Scheduled methods (and other TaskScheduler users) on the reactor, with their bodies on an
	 * executor of their own.
	 */
	private boolean enabled;

	/**
	 * Prefix of the names of the threads that run the tasks' bodies.
	 */
	private String threadNamePrefix = "reactortime-scheduled-";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getThreadNamePrefix() {
		return this.threadNamePrefix;
	}

	public void setThreadNamePrefix(String threadNamePrefix) {
		this.threadNamePrefix = threadNamePrefix;
	}

}
