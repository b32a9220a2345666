package dev.reactortime.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the observations of reactortime, under {@code reactortime.observations.*}.
 */
@ConfigurationProperties("reactortime.observations")
public class ReactortimeObservationProperties {

	/**
	 * Whether each call runs inside a 'reactortime.call' Observation when an ObservationRegistry is present.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
