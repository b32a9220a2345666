package dev.reactortime.autoconfigure.durable;

import dev.reactortime.durable.DurableCalls;

import org.springframework.context.SmartLifecycle;

/**
 * Starts db-scheduler once the context is refreshed (every handler bean exists) and the reactor runs, and stops it,
 * letting running handlers finish, before the reactor stops.
 */
final class DurableCallsLifecycle implements SmartLifecycle {

	/** After the reactor's phase ({@code DEFAULT_PHASE - 4096}) at start, before it at stop. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private final DurableCalls calls;

	private volatile boolean running;

	DurableCallsLifecycle(DurableCalls calls) {
		this.calls = calls;
	}

	@Override
	public void start() {
		this.calls.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.calls.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
