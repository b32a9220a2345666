package dev.reactortime;

/**
 * What {@link Reactor#close()} does with calls that are still pending.
 */
public enum ShutdownMode {

	/** Cancel every pending call at once (each counts as cancelled). */
	CANCEL,

	/** Run the calls due within the grace period, at their due times, then cancel the rest. */
	DRAIN

}
