package dev.reactortime.benchmarks.timers;

/**
 * What a scenario is about to do, for the one implementation that must be sized for it: Agrona's wheel is a flat
 * array of {@code ticksPerWheel} slots each as wide as the fullest slot, so its tick and size follow the deadlines.
 */
public enum Workload {

	/** Up to a million timers with deadlines spread over hours (scenarios A, B, E, F). */
	PENDING_HOURS,

	/** Many timers due at one instant (scenario C, burst). */
	BURST,

	/** Timers spread evenly over about one second (scenario C, spread). */
	SPREAD_1S,

	/** A steady stream of 1 to 100 ms timers (scenario D). */
	LAG

}
