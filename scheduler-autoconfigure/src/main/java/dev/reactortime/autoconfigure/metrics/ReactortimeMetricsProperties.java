package dev.reactortime.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of reactortime's Micrometer meters, under {@code reactortime.metrics.*}. Histograms,
 * percentiles and SLOs of the timers are Spring Boot's {@code management.metrics.distribution.*} properties, such as
 * {@code management.metrics.distribution.percentiles-histogram.reactortime.call.lag=true}.
 */
@ConfigurationProperties("reactortime.metrics")
public class ReactortimeMetricsProperties {

	/**
	 * Whether to record the reactortime.* meters when Micrometer and a MeterRegistry are present.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
