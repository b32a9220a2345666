package dev.reactortime;

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
 */
final class Inbox {

	static final class Node extends AtomicReference<Node> {

		private static final long serialVersionUID = 1L;

		@Nullable Object value;

		Node(@Nullable Object value) {
			this.value = value;
		}

	}

	private final AtomicReference<Node> tail;

	/** Consumer side; the reactor thread only. */
	private Node head;

	Inbox() {
		Node stub = new Node(null);
		this.head = stub;
		this.tail = new AtomicReference<>(stub);
	}

	void offer(Object value) {
		Node node = new Node(value);
		exchange(node).set(node);
	}

	/**
	 * First half of an offer: makes {@code node} the tail and returns the previous tail, which the producer then
	 * links to it ({@code previous.set(node)}). Apart so that tests can play a producer preempted in between.
	 */
	Node exchange(Node node) {
		return this.tail.getAndSet(node);
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
		Node last = this.tail.get();
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
		return this.head == this.tail.get();
	}

}
