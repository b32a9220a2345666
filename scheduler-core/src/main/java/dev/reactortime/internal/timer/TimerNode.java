package dev.reactortime.internal.timer;

/**
 * An element of a {@link TimerWheel}: the wheel keeps nodes in arrays and each node remembers its position there
 * (one {@code int}), so removing it needs no search, and a pending timer costs the wheel one array entry.
 *
 * <p>Subclasses say when they are due and in what order equal deadlines come out ({@link #sequence()}); the wheel
 * knows nothing else of them. A deadline may grow while the node is in a wheel (the wheel notices when the node
 * comes to the front and places it again); a deadline that shrinks must be followed by
 * {@link TimerWheel#reposition}, or the node comes out at its old place.
 */
public abstract class TimerNode {

	/**
	 * One more than the node's index in the array of the wheel's slot or late heap that holds it, a mark for a node in
	 * the run, 0 while it is in no wheel. Which slot holds it is found by looking (the entry at that index is the
	 * node itself), so the node needs no second field.
	 */
	int wheelIndex;

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
		return this.wheelIndex != 0;
	}

}
