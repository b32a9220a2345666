package dev.reactortime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The reactor's timer structure: a 4-ary min-heap of entries {@code (key, call)} ordered by key, then by the call's
 * id, so calls due at the same instant come out in scheduling order (FIFO, which Twisted's heap does not promise).
 *
 * <p><b>Not thread safe</b>: only the reactor thread (the lock holder, for {@link VirtualTimeReactor}) touches it.
 *
 * <p>Keys live in a {@code long[]} beside the calls, so sifting reads two arrays and never the call objects (a
 * 1,000,000-entry heap is ten 4-ary levels, one cache line of keys each); call objects are read only to break a tie.
 * The heap keeps no index in the calls, so a call may have several entries: moving a call earlier adds an entry at
 * its new time, and an entry whose key no longer matches its call's due time is stale. When an entry comes to the
 * top, {@link ScheduledCall#claim(long)} tells which: run it, push it later (the call was moved later), or drop it
 * (cancelled, called, or superseded by an earlier entry).
 *
 * <p>Costs: {@code add} O(log n) worst case, O(1) on average for deadlines that are not all increasing; {@code poll}
 * O(log n); cancellation O(1) (lazy: dead entries are dropped when they surface, or all at once by
 * {@link #purge()} in O(n) when they are the majority, so they never hold more than the live calls do).
 */
final class CallHeap {

	private static final int INITIAL_CAPACITY = 64;

	private long[] keys = new long[0];

	private ScheduledCall[] calls = new ScheduledCall[0];

	private int size;

	/** Number of the current purge, never 0 (the mark of a call never seen by a purge); see {@link #purge()}. */
	private int purgeEpoch;

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Key of the first entry, or {@code Long.MAX_VALUE} when empty.
	 */
	long peekKey() {
		return (this.size == 0) ? Long.MAX_VALUE : this.keys[0];
	}

	/**
	 * Call of the first entry; the heap must not be empty.
	 */
	ScheduledCall peek() {
		return this.calls[0];
	}

	void add(ScheduledCall call, long key) {
		int index = this.size;
		if (index == this.calls.length) {
			resize(Math.max(INITIAL_CAPACITY, index << 1));
		}
		this.size = index + 1;
		siftUp(index, key, call);
	}

	/**
	 * Removes the first entry.
	 * @return its call
	 */
	ScheduledCall poll() {
		ScheduledCall top = this.calls[0];
		int last = --this.size;
		long lastKey = this.keys[last];
		ScheduledCall lastCall = this.calls[last];
		this.calls[last] = null;
		if (last > 0) {
			siftDown(0, lastKey, lastCall);
		}
		if (this.calls.length > INITIAL_CAPACITY && last < (this.calls.length >>> 2)) {
			// Give memory back after a burst, by halves (amortised O(1) per poll).
			resize(this.calls.length >>> 1);
		}
		return top;
	}

	/**
	 * Drops every dead entry (its call cancelled or called) and every second entry of a call, and rebuilds the heap
	 * (Floyd's method, O(n)). The entry kept for a call gets its due time as key.
	 *
	 * <p>A call moved back and forth (earlier, later, earlier...) collects one entry per move earlier, each one
	 * at or before its due time and so not dead by its key; the purge keeps the first it meets and drops the rest,
	 * marking the call with the purge's number (an {@code int} that fits in the call's alignment padding), so that
	 * afterwards every pending call has exactly one entry.
	 * @return how many entries were dropped
	 */
	int purge() {
		long[] keys = this.keys;
		ScheduledCall[] calls = this.calls;
		int epoch = this.purgeEpoch + 1;
		if (epoch == 0) {
			epoch = 1; // 0 marks calls no purge has seen yet
		}
		this.purgeEpoch = epoch;
		int kept = 0;
		for (int i = 0; i < this.size; i++) {
			ScheduledCall call = calls[i];
			long ds = call.dueState();
			long due = ScheduledCall.due(ds);
			// An entry later than its call (moved earlier) is kept as the call's entry if it is the first met: the
			// entry at the new time may still be on its way through the inbox, and a pending call must never be
			// left without one (getDelayedCalls would miss it). Its key becomes the due time either way.
			if (ScheduledCall.state(ds) == ScheduledCall.PENDING && call.purgeMark != epoch) {
				call.purgeMark = epoch;
				keys[kept] = due;
				calls[kept++] = call;
			}
		}
		int dropped = this.size - kept;
		Arrays.fill(calls, kept, this.size, null);
		this.size = kept;
		for (int i = (kept - 2) >> 2; i >= 0; i--) {
			siftDown(i, keys[i], calls[i]);
		}
		if (calls.length > INITIAL_CAPACITY && kept < (calls.length >>> 2)) {
			// After a mass cancellation, give the arrays back in one step.
			resize(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) << 1));
		}
		return dropped;
	}

	/**
	 * Removes every entry, for shutdown.
	 * @return the distinct calls, in no particular order
	 */
	List<ScheduledCall> clear() {
		List<ScheduledCall> all = distinct(false);
		this.keys = new long[0];
		this.calls = new ScheduledCall[0];
		this.size = 0;
		return all;
	}

	/**
	 * The distinct pending calls, in no particular order.
	 */
	List<ScheduledCall> pending() {
		return distinct(true);
	}

	private List<ScheduledCall> distinct(boolean pendingOnly) {
		Set<ScheduledCall> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<ScheduledCall> result = new ArrayList<>();
		for (int i = 0; i < this.size; i++) {
			ScheduledCall call = this.calls[i];
			if ((!pendingOnly || call.isPending()) && seen.add(call)) {
				result.add(call);
			}
		}
		return result;
	}

	private static boolean before(long key, ScheduledCall call, long otherKey, ScheduledCall other) {
		return key < otherKey || (key == otherKey && call.id < other.id);
	}

	private void siftUp(int index, long key, ScheduledCall call) {
		long[] keys = this.keys;
		ScheduledCall[] calls = this.calls;
		while (index > 0) {
			int parent = (index - 1) >>> 2;
			long parentKey = keys[parent];
			if (!before(key, call, parentKey, calls[parent])) {
				break;
			}
			keys[index] = parentKey;
			calls[index] = calls[parent];
			index = parent;
		}
		keys[index] = key;
		calls[index] = call;
	}

	private void siftDown(int index, long key, ScheduledCall call) {
		long[] keys = this.keys;
		ScheduledCall[] calls = this.calls;
		int size = this.size;
		for (;;) {
			int first = (index << 2) + 1;
			if (first >= size) {
				break;
			}
			int best = first;
			long bestKey = keys[first];
			int end = Math.min(first + 4, size);
			for (int child = first + 1; child < end; child++) {
				long childKey = keys[child];
				if (childKey < bestKey || (childKey == bestKey && calls[child].id < calls[best].id)) {
					best = child;
					bestKey = childKey;
				}
			}
			if (!before(bestKey, calls[best], key, call)) {
				break;
			}
			keys[index] = bestKey;
			calls[index] = calls[best];
			index = best;
		}
		keys[index] = key;
		calls[index] = call;
	}

	private void resize(int capacity) {
		this.keys = Arrays.copyOf(this.keys, capacity);
		this.calls = Arrays.copyOf(this.calls, capacity);
	}

}
