package dev.reactortime.internal.timer;

/**
 * An element of a {@link TimerWheel}: the wheel links it into its slots through the two references kept here, so a
 * pending timer costs no memory in the wheel beyond its own object, and removing it is two writes, wherever it is.
 *
 * <p>Subclasses say when they are due and in what order equal deadlines come out ({@link #sequence()}); the wheel
 * knows nothing else of them. A deadline may grow while the node is in a wheel (the wheel notices when the node
 * comes to the front and places it again); a deadline that shrinks must be followed by
 * {@link TimerWheel#reposition}, or the node comes out at its old place.
 */
public abstract class TimerNode {

	/** Neighbours in a slot's circular list; both {@code null} while the node is in no wheel. */
	TimerNode prev;

	TimerNode next;

	/**
	 * For subclasses.
	 */
	protected TimerNode() {
	}

	/**
	 * When this node is due, in the wheel's time unit (nanoseconds in the reactor), never negative.
	 * @return the deadline
	 */
	protected abstract long deadline();

	/**
	 * Tie-breaker among equal deadlines: the lower comes out first (FIFO when it counts up as nodes are made).
	 * @return the sequence number
	 */
	protected abstract long sequence();

	/**
	 * Whether this node is in a wheel now.
	 * @return {@code true} between {@link TimerWheel#add} and its removal
	 */
	public final boolean isQueued() {
		return this.next != null;
	}

}
