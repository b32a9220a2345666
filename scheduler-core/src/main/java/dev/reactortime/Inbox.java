package dev.reactortime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * How other threads hand work to the reactor thread: an unbounded multi-producer, single-consumer queue
 * (Dmitry Vyukov's non-intrusive MPSC node queue). {@link #offer} is one atomic exchange and never blocks or
 * spins; {@link #poll} is for the reactor thread only.
 *
 * <p>A producer that has swapped itself in as the tail but not yet linked its node makes the queue look empty
 * for a moment to the consumer, and hides every node offered after it; the element is seen on the next poll, and
 * the producer's wake-up (which comes after the link) guarantees there is one. At shutdown there is no next poll:
 * {@link #pollAll} waits for such producers instead.
 *
 * <p>The tail (written by producers) and the head (written by the consumer) sit on cache lines of their own,
 * padded in superclasses as in {@link PaddedCounter}, so neither side's writes evict the other's line.
 */
final class Inbox extends InboxHead {

	static final class Node extends AtomicReference<Node> {

		private static final long serialVersionUID = 1L;

		@Nullable Object value;

		Node(@Nullable Object value) {
			this.value = value;
		}

	}

	private static final VarHandle TAIL;

	static {
		try {
			TAIL = MethodHandles.lookup().findVarHandle(InboxTail.class, "tail", Node.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused")
	private long p20, p21, p22, p23, p24, p25, p26, p27;

	Inbox() {
		Node stub = new Node(null);
		this.head = stub;
		TAIL.setRelease(this, stub);
	}

	void offer(Object value) {
		Node node = new Node(value);
		// A release store publishes the node (and its value) to the consumer's acquiring read in poll().
		exchange(node).lazySet(node);
	}

	/**
	 * First half of an offer: makes {@code node} the tail and returns the previous tail, which the producer then
	 * links to it ({@code previous.set(node)}). Apart so that tests can play a producer preempted in between.
	 */
	Node exchange(Node node) {
		return (Node) TAIL.getAndSet(this, node);
	}

	@Nullable Object poll() {
		Node next = this.head.get();
		if (next == null) {
			return null;
		}
		Object value = next.value;
		next.value = null;
		this.head = next;
		return value;
	}

	/**
	 * Polls every element offered before this call, waiting for producers that have swapped the tail but not yet
	 * linked their node (a few instructions away, unless the producer's thread is preempted). Elements offered
	 * during the call may be left for later. For shutdown: afterwards nothing offered before it is hidden.
	 * @param consumer what to do with each element
	 */
	void pollAll(java.util.function.Consumer<Object> consumer) {
		Node last = this.tail;
		while (this.head != last) {
			Object value = poll();
			if (value != null) {
				consumer.accept(value);
			}
			else if (this.head != last) {
				Thread.yield(); // a producer between its exchange and its link: let it run
			}
		}
	}

	/**
	 * Whether anything was offered and not yet polled, as far as this thread can see.
	 */
	boolean isEmpty() {
		return this.head == this.tail;
	}

}

/** Padding before the tail. */
abstract class InboxPadding0 {

	@SuppressWarnings("unused")
	private long p00, p01, p02, p03, p04, p05, p06, p07;

}

/** The producers' end. */
abstract class InboxTail extends InboxPadding0 {

	volatile Inbox.@Nullable Node tail;

}

/** Padding between the tail and the head. */
abstract class InboxPadding1 extends InboxTail {

	@SuppressWarnings("unused")
	private long p10, p11, p12, p13, p14, p15, p16, p17;

}

/** The consumer's end (the reactor thread only). */
abstract class InboxHead extends InboxPadding1 {

	Inbox.Node head;

}
