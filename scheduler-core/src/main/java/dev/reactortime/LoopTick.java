package dev.reactortime;

/**
 * The task of a loop's pending call: the engine hands it the claimed call instead of running it as a plain
 * {@code Runnable}, because a loop reports its own start and finish (its body may complete later, on a stage or an
 * executor).
 */
interface LoopTick extends Runnable {

	/**
	 * Runs the loop's body for {@code call}, on the owner thread.
	 * @param call the loop's call that came due
	 * @param due the time it was due
	 */
	void fire(ScheduledCall call, long due);

	@Override
	default void run() {
		throw new UnsupportedOperationException("A loop tick is fired by its engine");
	}

}
