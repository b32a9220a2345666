package dev.reactortime.autoconfigure.dashboard;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code calllag} endpoint, read only, present with the dashboard: {@code GET /actuator/calllag} answers the
 * count, p50, p99 and max lag of the calls that started in the last {@value #WINDOW_SECONDS} seconds, and the
 * watchdog's reports since the start. The dashboard polls it for its lag chart; see {@link LagWindow} for why it does
 * not read the {@code reactortime.call.lag} timer through the {@code metrics} endpoint.
 */
@WebEndpoint(id = "calllag", defaultAccess = Access.READ_ONLY)
public class CallLagEndpoint {

	/** How far back each answer looks. */
	public static final int WINDOW_SECONDS = 10;

	private final LagWindow window;

	/**
	 * The endpoint of a window.
	 * @param window the recent lags
	 */
	public CallLagEndpoint(LagWindow window) {
		this.window = Objects.requireNonNull(window, "window must not be null");
	}

	/**
	 * The lags of the last {@value #WINDOW_SECONDS} seconds.
	 * @return their summary
	 */
	@ReadOperation
	public LagWindow.Summary callLag() {
		return this.window.summary(Duration.ofSeconds(WINDOW_SECONDS));
	}

}
