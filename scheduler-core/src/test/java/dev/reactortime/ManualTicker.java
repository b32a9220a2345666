package dev.reactortime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker moved by hand, so the real-time reactor's thread, inbox and parking can be tested on exact times.
 */
final class ManualTicker implements Ticker {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@Override
	public long read() {
		return this.nanos.get();
	}

	void add(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}


}
