package dev.reactortime;

import java.time.Duration;
import java.time.Instant;

/**
 * One reactor under test and the way to move its time, so that one contract suite runs against both reactors.
 */
interface ReactorHarness extends AutoCloseable {

	Reactor reactor();

	/** Moves time forward by {@code by}, running every call that comes due at its due time. */
	void advance(Duration by);

	/** From inside a call: the call holds the reactor for {@code by}. */
	void busy(Duration by);

	@Override
	void close();

	default void advanceMillis(long millis) {
		advance(Duration.ofMillis(millis));
	}

	/** Milliseconds since {@code origin} on the reactor's clock. */
	default long millisSince(Instant origin) {
		return Duration.between(origin, reactor().now()).toMillis();
	}

	/** The harness of {@link VirtualTimeReactor}: advance and busy are its own. */
	static ReactorHarness virtual() {
		VirtualTimeReactor reactor = new VirtualTimeReactor();
		return new ReactorHarness() {

			@Override
			public Reactor reactor() {
				return reactor;
			}

			@Override
			public void advance(Duration by) {
				reactor.advance(by);
			}

			@Override
			public void busy(Duration by) {
				reactor.busy(by);
			}

			@Override
			public void close() {
				reactor.close();
			}

			@Override
			public String toString() {
				return "virtual time";
			}

		};
	}

	/**
	 * The harness of the real-time reactor: its real thread, inbox and parking, on a {@link ManualTicker}. To
	 * advance, it steps the ticker to each due time in turn and waits until the reactor has run everything due.
	 */
	static ReactorHarness eventLoop() {
		ManualTicker ticker = new ManualTicker();
		EventLoopReactor reactor = (EventLoopReactor) Reactor.builder()
			.ticker(ticker)
			.daemon(true)
			.watchdogThreshold(Duration.ZERO)
			.threadName("contract-reactor")
			.build();
		reactor.start();
		return new ReactorHarness() {

			@Override
			public Reactor reactor() {
				return reactor;
			}

			@Override
			public void advance(Duration by) {
				long target = reactor.clock() + by.toNanos();
				long next;
				while ((next = quiesce()) <= target) {
					ticker.add(Duration.ofNanos(next - reactor.clock()));
				}
				ticker.add(Duration.ofNanos(Math.max(0, target - reactor.clock())));
				quiesce();
			}

			/**
			 * Waits until nothing is due and the inbox is empty.
			 * @return the time the wheel next needs the reactor (engine time), or Long.MAX_VALUE
			 */
			private long quiesce() {
				for (;;) {
					long next = reactor.onOwner(() -> reactor.timers.nextDeadline(reactor.clock()), Long.MAX_VALUE);
					if (next > reactor.clock()) {
						return next;
					}
					Thread.onSpinWait();
				}
			}

			@Override
			public void busy(Duration by) {
				ticker.add(by);
			}

			@Override
			public void close() {
				reactor.close();
			}

			@Override
			public String toString() {
				return "event loop";
			}

		};
	}

}
