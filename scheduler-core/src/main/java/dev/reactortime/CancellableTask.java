package dev.reactortime;

/**
 * A task that must hear when its delayed call is cancelled rather than run: a future behind it would otherwise wait
 * forever (the future of {@code deferLater}, the result of {@code timeout} when the reactor closes first).
 */
interface CancellableTask extends Runnable {

	/**
	 * The call was cancelled, by anyone: its owner, an endpoint, or the reactor's shutdown. Called once, on the
	 * cancelling thread, after the call's state changed.
	 */
	void callCancelled();

}
