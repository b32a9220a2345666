package dev.reactortime.autoconfigure;

/**
 * What an annotated method scheduled for one bean instance: a pending delayed call or a running loop.
 */
@FunctionalInterface
interface Schedule {

	/**
	 * Cancels the call or stops the loop. Does nothing if it has already run, stopped or been cancelled (by
	 * itself, or by the reactor shutting down), so destruction never fails because of a race with the reactor.
	 */
	void cancel();

}
