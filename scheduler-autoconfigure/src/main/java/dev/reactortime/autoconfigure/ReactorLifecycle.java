package dev.reactortime.autoconfigure;

import dev.reactortime.Reactor;
import dev.reactortime.ReactorListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the context's {@link Reactor} with the application context and closes it (cancelling or draining pending
 * calls, as configured) when the context stops. Just before the start it adds the context's {@link ReactorListener}
 * beans (metrics, observations) to the reactor, whether it is the auto-configured one or the application's own.
 *
 * <p>The phase is below the web server's ({@code DEFAULT_PHASE - 2048}) and its graceful shutdown
 * ({@code DEFAULT_PHASE - 1024}): the reactor starts before the application takes requests and stops after the last
 * one, so request handling can still use {@code deferLater} and timeouts while the server drains.
 *
 * <p>A reactor cannot start again once closed, so stopping is final, and the reactor opts out of the test framework's
 * context pausing, which would otherwise stop it between test classes and fail to restart it.
 */
final class ReactorLifecycle implements SmartLifecycle {

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Reactor reactor;

	private final ObjectProvider<ReactorListener> listeners;

	private volatile boolean started;

	ReactorLifecycle(Reactor reactor, ObjectProvider<ReactorListener> listeners) {
		this.reactor = reactor;
		this.listeners = listeners;
	}

	@Override
	public void start() {
		if (!this.started) {
			// At start rather than at creation: listener beans may depend on the reactor (a gauge reads it), and
			// annotated calls are scheduled only after the lifecycle has started, so no event is missed.
			this.listeners.orderedStream().forEach(this.reactor::addListener);
		}
		this.reactor.start();
		this.started = true;
	}

	@Override
	public void stop() {
		this.reactor.close();
	}

	@Override
	public boolean isRunning() {
		// Not just the reactor's state: a VirtualTimeReactor runs from construction, and start() must still be called.
		return this.started && this.reactor.isRunning();
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
