package dev.reactortime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * How other threads hand work to the reactor thread: an unbounded multi-producer, single-consumer queue of
 * fixed-size array chunks. {@link #offer} is one atomic add on the tail index, then a release store into the chunk
 * that index falls in; it never blocks or spins, and it allocates nothing but a new chunk once per
 * {@value #CHUNK_SIZE} offers (a node queue allocated a 24-byte node for every offer: a third of what scheduling a
 * call from another thread allocated). {@link #poll} is for the reactor thread only.
 *
 * <p>A producer that has taken an index but not yet stored its element makes the queue look empty for a moment to
 * the consumer, and hides every element after it; the element is seen on the next poll, and the producer's wake-up
 * (which comes after the store) guarantees there is one. {@link #hasPollable} tells the consumer apart such a
 * moment, so it can sleep through it instead of spinning. At shutdown there is no next poll: {@link #pollAll} waits
 * for such producers instead.
 *
 * <p>Chunks are linked both ways. A producer starts from the newest chunk it knows of and walks to its own: forward,
 * creating the next chunk if nobody has yet (one compare-and-set decides who), or back, if others have moved on
 * while it was between its add and its store. The consumer drops a chunk's back link when it enters the chunk: no
 * producer can need an earlier one then (the consumer passes an index only once its element is stored), and the
 * chunks behind it become garbage.
 *
 * <p>The tail (written by producers) and the head (written by the consumer) sit on cache lines of their own,
 * padded in superclasses as in {@link PaddedCounter}, so neither side's writes evict the other's line.
 */
final class Inbox extends InboxHead {

	private static final int CHUNK_BITS = 10;

	/** Elements a chunk holds. */
	static final int CHUNK_SIZE = 1 << CHUNK_BITS;

	private static final int MASK = CHUNK_SIZE - 1;

	private static final VarHandle TAIL;

	private static final VarHandle NEXT;

	private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			TAIL = lookup.findVarHandle(InboxTail.class, "tail", long.class);
			NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused")
	private long p20, p21, p22, p23, p24, p25, p26, p27;

	Inbox() {
		Chunk first = new Chunk(0, null);
		this.headChunk = first;
		this.producerChunk = first;
	}

	void offer(Object value) {
		publish(claim(), value);
	}

	/**
	 * First half of an offer: takes the next index. Apart so that tests can play a producer preempted before
	 * {@link #publish}.
	 * @return the index the producer must publish its element at
	 */
	long claim() {
		return (long) TAIL.getAndAdd(this, 1L);
	}

	/**
	 * Second half of an offer: stores the element at its index (a release store: the element's fields are visible to
	 * the consumer that reads it).
	 */
	void publish(long index, Object value) {
		SLOT.setRelease(chunk(index >>> CHUNK_BITS).slots, (int) (index & MASK), value);
	}

	/** The chunk of the given number, created if need be; from the newest chunk known, forward or back. */
	private Chunk chunk(long number) {
		Chunk start = this.producerChunk;
		Chunk chunk = start;
		while (chunk.number > number) {
			chunk = chunk.previous;
		}
		while (chunk.number < number) {
			Chunk next = chunk.next;
			if (next == null) {
				Chunk fresh = new Chunk(chunk.number + 1, chunk);
				next = (Chunk) NEXT.compareAndExchange(chunk, (Chunk) null, fresh);
				if (next == null) {
					next = fresh;
				}
			}
			chunk = next;
		}
		if (chunk.number > start.number) {
			// A hint only: a race may set an older chunk, which costs a later producer a few steps forward.
			this.producerChunk = chunk;
		}
		return chunk;
	}

	@Nullable Object poll() {
		long index = this.head;
		Chunk chunk = chunkOfHead(index);
		if (chunk == null) {
			return null; // the producer of this index has not linked its chunk yet
		}
		if (chunk != this.headChunk) {
			chunk.previous = null;
			this.headChunk = chunk;
		}
		int offset = (int) (index & MASK);
		Object value = SLOT.getAcquire(chunk.slots, offset);
		if (value == null) {
			return null;
		}
		chunk.slots[offset] = null; // the chunk may stay the producers' newest for long: it must not keep what ran
		this.head = index + 1;
		return value;
	}

	/**
	 * Polls every element offered before this call, waiting for producers that have taken an index but not yet
	 * stored their element (a few instructions away, unless the producer's thread is preempted). Elements offered
	 * during the call may be left for later. For shutdown: afterwards nothing offered before it is hidden.
	 * @param consumer what to do with each element
	 */
	void pollAll(Consumer<Object> consumer) {
		long last = this.tail;
		while (this.head < last) {
			Object value = poll();
			if (value != null) {
				consumer.accept(value);
			}
			else {
				Thread.yield(); // a producer between its add and its store: let it run
			}
		}
	}

	/**
	 * Whether anything was offered and not yet polled, as far as this thread can see: an index taken by a producer
	 * that has not stored its element yet counts (see {@link #hasPollable}).
	 */
	boolean isEmpty() {
		return this.head == this.tail;
	}

	/**
	 * Whether {@link #poll} would return an element now (consumer only). Unlike {@link #isEmpty()}, false while the
	 * next index is taken by a producer that has not stored its element: the consumer must not spin on it, because
	 * that producer may be the thread its spinning keeps off the core.
	 */
	boolean hasPollable() {
		long index = this.head;
		if (index == this.tail) {
			return false;
		}
		Chunk chunk = chunkOfHead(index);
		return chunk != null && SLOT.getAcquire(chunk.slots, (int) (index & MASK)) != null;
	}

	/**
	 * The chunk of the head index (consumer only): the head chunk, or at a chunk boundary the one after it, which is
	 * {@code null} while the producer of that index has not linked it yet.
	 */
	private @Nullable Chunk chunkOfHead(long index) {
		Chunk chunk = this.headChunk;
		return ((index & MASK) == 0 && (index >>> CHUNK_BITS) != chunk.number) ? chunk.next : chunk;
	}

	/**
	 * A run of {@value #CHUNK_SIZE} consecutive indexes.
	 */
	static final class Chunk {

		final long number;

		final Object[] slots = new Object[CHUNK_SIZE];

		/** Set once, by the compare-and-set that links the next chunk. */
		volatile @Nullable Chunk next;

		/** The chunk before, until the consumer enters this one. */
		volatile @Nullable Chunk previous;

		Chunk(long number, @Nullable Chunk previous) {
			this.number = number;
			this.previous = previous;
		}

	}

}

/** Padding before the tail. */
abstract class InboxPadding0 {

	@SuppressWarnings("unused")
	private long p00, p01, p02, p03, p04, p05, p06, p07;

}

/** The producers' end: the next index to take, and the newest chunk a producer has reached (read with it). */
abstract class InboxTail extends InboxPadding0 {

	volatile long tail;

	volatile Inbox.Chunk producerChunk;

}

/** Padding between the tail and the head. */
abstract class InboxPadding1 extends InboxTail {

	@SuppressWarnings("unused")
	private long p10, p11, p12, p13, p14, p15, p16, p17;

}

/** The consumer's end (the reactor thread only). */
abstract class InboxHead extends InboxPadding1 {

	long head;

	Inbox.Chunk headChunk;

}
