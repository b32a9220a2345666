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

	private final Meters meters = new Meters();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Meters getMeters() {
		return this.meters;
	}

	/**
	 * Settings of the meters that observation handlers derive from the 'reactortime.call' observation.
	 */
	public static class Meters {

		/**
		 * Whether observation handlers may publish their own 'reactortime.call' timer and
		 * 'reactortime.call.active' long task timer, which repeat reactortime.call.duration.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
