package dev.reactortime.autoconfigure.dashboard;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the operators' dashboard, under {@code reactortime.dashboard.*}. A bad path or refresh
 * fails startup with a message that names the property and the rule it breaks.
 */
@ConfigurationProperties("reactortime.dashboard")
public class DashboardProperties {

	/** Letters, digits, {@code - _ .} and {@code ~} in segments, each after a slash; no trailing slash. */
	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private static final Duration MIN_REFRESH = Duration.ofMillis(500);

	/**
	 * Whether to serve the operators' dashboard page, which reads the Actuator endpoints with the visitor's access.
	 */
	private boolean enabled = false;

	/**
	 * Path of the dashboard page, under the application's context path, such as /reactortime or /ops/scheduler.
	 */
	private String path = "/reactortime";

	/**
	 * How often the page reads the endpoints again (at least 500ms).
	 */
	private Duration refresh = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		Objects.requireNonNull(path, "reactortime.dashboard.path must not be null");
		if (!PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("reactortime.dashboard.path must start with '/', have no trailing '/' "
					+ "and use only letters, digits and - _ . ~ in its segments, such as /reactortime; was '" + path
					+ "'");
		}
		this.path = path;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		Objects.requireNonNull(refresh, "reactortime.dashboard.refresh must not be null");
		if (refresh.compareTo(MIN_REFRESH) < 0) {
			throw new IllegalArgumentException(
					"reactortime.dashboard.refresh must be at least 500ms (the page reads several endpoints each time); "
							+ "was " + refresh);
		}
		this.refresh = refresh;
	}

}
