package dev.reactortime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The reactor's timer structure: a binary min-heap of {@link ScheduledCall}s ordered by {@code heapKey}, then by
 * id, so calls due at the same instant come out in scheduling order (FIFO, which Twisted's heap does not
 * promise).
 *
 * <p><b>Not thread safe</b>: only the reactor thread (the lock holder, for {@link VirtualTimeReactor}) touches
 * it. Each node knows its index, so a node moved earlier is sifted up in place.
 *
 * <p>Costs: {@code add} O(log n) worst case, O(1) on average for deadlines that are not all increasing;
 * {@code poll} O(log n); {@code siftUp} O(log n); cancellation O(1) (lazy: cancelled nodes are dropped when they
 * surface, or all at once by {@link #purgeCancelled()} in O(n) when they are the majority, so they never hold
 * more than the live calls do).
 */
final class CallHeap {

	private static final ScheduledCall[] EMPTY = new ScheduledCall[0];

	private static final int INITIAL_CAPACITY = 64;

	private ScheduledCall[] nodes = EMPTY;

	private int size;

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	@Nullable ScheduledCall peek() {
		return (this.size == 0) ? null : this.nodes[0];
	}

	void add(ScheduledCall call) {
		int index = this.size;
		if (index == this.nodes.length) {
			grow();
		}
		this.size = index + 1;
		siftUp(index, call);
	}

	ScheduledCall poll() {
		ScheduledCall[] nodes = this.nodes;
		ScheduledCall top = nodes[0];
		int last = --this.size;
		ScheduledCall moved = nodes[last];
		nodes[last] = null;
		if (last > 0) {
			siftDown(0, moved);
		}
		top.heapIndex = -1;
		shrinkIfSparse();
		return top;
	}

	/**
	 * Restores order after {@code call}'s key was lowered.
	 */
	void keyDecreased(ScheduledCall call) {
		siftUp(call.heapIndex, call);
	}

	/**
	 * Drops every node that is no longer pending and rebuilds the heap (Floyd's method, O(n)).
	 * @return how many nodes were dropped
	 */
	int purgeCancelled() {
		ScheduledCall[] nodes = this.nodes;
		int kept = 0;
		for (int i = 0; i < this.size; i++) {
			ScheduledCall call = nodes[i];
			if (call.isPending()) {
				nodes[kept++] = call;
			}
			else {
				call.heapIndex = -1;
			}
		}
		int dropped = this.size - kept;
		Arrays.fill(nodes, kept, this.size, null);
		this.size = kept;
		for (int i = (kept >>> 1) - 1; i >= 0; i--) {
			siftDown(i, nodes[i]);
		}
		for (int i = kept - 1; i >= (kept >>> 1); i--) {
			nodes[i].heapIndex = i;
		}
		if (nodes.length > INITIAL_CAPACITY && kept < (nodes.length >>> 2)) {
			// After a mass cancellation, give the array back in one step rather than by halves.
			this.nodes = Arrays.copyOf(nodes, Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) << 1));
		}
		return dropped;
	}

	/**
	 * Removes every node, for shutdown.
	 * @return the nodes, in no particular order
	 */
	List<ScheduledCall> clear() {
		List<ScheduledCall> all = new ArrayList<>(this.size);
		for (int i = 0; i < this.size; i++) {
			this.nodes[i].heapIndex = -1;
			all.add(this.nodes[i]);
		}
		this.nodes = EMPTY;
		this.size = 0;
		return all;
	}

	/**
	 * The pending nodes, in no particular order.
	 */
	List<ScheduledCall> pending() {
		List<ScheduledCall> pending = new ArrayList<>();
		for (int i = 0; i < this.size; i++) {
			if (this.nodes[i].isPending()) {
				pending.add(this.nodes[i]);
			}
		}
		return pending;
	}

	private static boolean before(ScheduledCall a, ScheduledCall b) {
		return a.heapKey < b.heapKey || (a.heapKey == b.heapKey && a.id < b.id);
	}

	private void siftUp(int index, ScheduledCall call) {
		ScheduledCall[] nodes = this.nodes;
		while (index > 0) {
			int parentIndex = (index - 1) >>> 1;
			ScheduledCall parent = nodes[parentIndex];
			if (!before(call, parent)) {
				break;
			}
			nodes[index] = parent;
			parent.heapIndex = index;
			index = parentIndex;
		}
		nodes[index] = call;
		call.heapIndex = index;
	}

	private void siftDown(int index, ScheduledCall call) {
		ScheduledCall[] nodes = this.nodes;
		int size = this.size;
		int half = size >>> 1;
		while (index < half) {
			int childIndex = (index << 1) + 1;
			ScheduledCall child = nodes[childIndex];
			int rightIndex = childIndex + 1;
			if (rightIndex < size && before(nodes[rightIndex], child)) {
				childIndex = rightIndex;
				child = nodes[rightIndex];
			}
			if (!before(child, call)) {
				break;
			}
			nodes[index] = child;
			child.heapIndex = index;
			index = childIndex;
		}
		nodes[index] = call;
		call.heapIndex = index;
	}

	private void grow() {
		int capacity = (this.nodes.length == 0) ? INITIAL_CAPACITY : this.nodes.length << 1;
		this.nodes = Arrays.copyOf(this.nodes, capacity);
	}

	private void shrinkIfSparse() {
		// Give memory back after a burst (a million cancelled timers must not pin a 4 MB array forever).
		int length = this.nodes.length;
		if (length > INITIAL_CAPACITY && this.size < (length >>> 2)) {
			this.nodes = Arrays.copyOf(this.nodes, Math.max(INITIAL_CAPACITY, length >>> 1));
		}
	}

}
