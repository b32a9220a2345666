package dev.reactortime.autoconfigure;

import dev.reactortime.Reactor;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the context's {@link Reactor} with the application context and closes it (cancelling or draining pending
 * calls, as configured) when the context stops.
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

	ReactorLifecycle(Reactor reactor) {
		this.reactor = reactor;
	}

	@Override
	public void start() {
		this.reactor.start();
	}

	@Override
	public void stop() {
		this.reactor.close();
	}

	@Override
	public boolean isRunning() {
		return this.reactor.isRunning();
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
