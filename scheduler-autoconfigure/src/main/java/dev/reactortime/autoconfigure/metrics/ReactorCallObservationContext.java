package dev.reactortime.autoconfigure.metrics;

import java.time.Duration;

import dev.reactortime.DelayedCall;
import io.micrometer.observation.Observation;

/**
 * Context of the {@code reactortime.call} observation of one call: the call (for its name, kind and source), how
 * late it started, and, once it has finished, whether it succeeded ({@link #getError()} holds its exception).
 */
public class ReactorCallObservationContext extends Observation.Context {

	private final DelayedCall call;

	private final Duration lag;

	private volatile boolean finished;

	/**
	 * Context of a call that is about to run.
	 * @param call the call
	 * @param lag how late it starts
	 */
	public ReactorCallObservationContext(DelayedCall call, Duration lag) {
		this.call = call;
		this.lag = lag;
	}

	/**
	 * The call observed. Its name, kind and source are safe to show; nothing else of it should be.
	 * @return the call
	 */
	public DelayedCall getCall() {
		return this.call;
	}

	/**
	 * How late the call started: actual start minus due time.
	 * @return the lag
	 */
	public Duration getLag() {
		return this.lag;
	}

	/**
	 * Whether the call has finished, so that {@link #getError()} tells its outcome.
	 * @return {@code true} once the call has finished
	 */
	public boolean isFinished() {
		return this.finished;
	}

	void setFinished() {
		this.finished = true;
	}

}
