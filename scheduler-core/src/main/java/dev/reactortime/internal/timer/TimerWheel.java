package dev.reactortime.internal.timer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A hierarchical timer wheel with exact deadlines: O(1) add and remove, amortised O(1) per fire, and nodes that come
 * out in {@code (deadline, sequence)} order to the unit, with no rounding to a tick.
 *
 * <p><b>Shape.</b> Deadlines are {@code long}s (nanoseconds in the reactor). Level 0 has 64 slots of
 * {@code 2^resolutionBits} units each; every level above has 64 slots 64 times wider, up to the whole {@code long}
 * range (9 levels at the default resolution of 1,024 ns). A node is kept at the lowest level whose slot holds its
 * deadline without wrapping: the level of the highest bit in which its deadline differs from the wheel's
 * {@linkplain #cursor() cursor}, a radix wheel as in the Linux kernel's 2016 rework, but keyed on exact deadlines.
 * One 64-bit occupancy word per level finds the next non-empty slot with one {@code numberOfTrailingZeros}, so
 * an empty stretch of time costs nothing to cross (the wheel never ticks through empty slots, unlike Kafka's or
 * Netty's).
 *
 * <p><b>Firing.</b> When the time reaches a slot, its nodes move down a level (each node moves at most once per
 * level) or, once they fall within the current level-0 slot, into the <em>ready list</em>, sorted by
 * {@code (deadline, sequence)} with a counting sort on the deadline's low bits (stable, so nodes added in sequence
 * order need no comparison). {@link #peek(long)} then returns the ready list's head in O(1) while it is due. A node
 * added for the current level-0 slot, or earlier, goes straight into the ready list by insertion from its tail,
 * where "now" lands.
 *
 * <p><b>Nodes are intrusive</b> ({@link TimerNode}): a slot is a circular doubly-linked list through the nodes
 * themselves, so a pending node costs the wheel nothing beyond its two references, and removal needs no search.
 * Deadlines are read from the nodes, not copied into the wheel: a node whose deadline has grown since it was
 * placed is placed again when it comes to the front (so moving a timer later costs the caller nothing here).
 *
 * <p>Time is passed in, Agrona-style: the wheel reads no clock. <b>Not thread safe</b>: one owner thread.
 *
 * @param <N> the node type
 */
public final class TimerWheel<N extends TimerNode> {

	/** Level 0's slot width, {@code 2^10} units: about a microsecond in nanoseconds. */
	public static final int DEFAULT_RESOLUTION_BITS = 10;

	private static final int SLOT_BITS = 6;

	private static final int SLOTS = 1 << SLOT_BITS;

	/** Batches up to this size are sorted by insertion; larger ones by counting sort. */
	private static final int SMALL_BATCH = 32;

	private final int resolutionBits;

	private final int levels;

	private final Slot[] slots;

	private final long[] occupied;

	/** Nodes due in the current level-0 slot or before, sorted by {@code (deadline, sequence)}. */
	private final Slot ready = new Slot(-1, 0);

	/** Where the wheel stands: never after the time last passed in, never moves back. */
	private long cursor;

	private int size;

	/** Scratch for the nodes of one slot entering the ready list (kept between uses, released when large). */
	private TimerNode[] batch = new TimerNode[SLOTS];

	private long[] batchDeadlines = new long[SLOTS];

	private int batchSize;

	private final int[] counts;

	private TimerNode[] sorted = new TimerNode[SLOTS];

	private long[] sortedDeadlines = new long[SLOTS];

	/**
	 * A wheel with a level-0 slot of {@code 2^10} units.
	 */
	public TimerWheel() {
		this(DEFAULT_RESOLUTION_BITS);
	}

	/**
	 * A wheel with a level-0 slot of {@code 2^resolutionBits} units: the larger, the fewer levels a node moves
	 * through, and the more nodes each sort of the ready list takes.
	 * @param resolutionBits between 0 and 20
	 */
	public TimerWheel(int resolutionBits) {
		if (resolutionBits < 0 || resolutionBits > 20) {
			throw new IllegalArgumentException("resolutionBits must be between 0 and 20, was " + resolutionBits);
		}
		this.resolutionBits = resolutionBits;
		this.levels = (Long.SIZE - resolutionBits + SLOT_BITS - 1) / SLOT_BITS;
		this.slots = new Slot[this.levels * SLOTS];
		for (int level = 0; level < this.levels; level++) {
			for (int index = 0; index < SLOTS; index++) {
				this.slots[level * SLOTS + index] = new Slot(level, index);
			}
		}
		this.occupied = new long[this.levels];
		this.counts = new int[(1 << resolutionBits) + 1];
	}

	/**
	 * How many nodes are in the wheel.
	 * @return the count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Where the wheel stands: every node is placed relative to it.
	 * @return the cursor
	 */
	public long cursor() {
		return this.cursor;
	}

	/**
	 * Adds a node at its {@link TimerNode#deadline() deadline}; a deadline already past comes out at the next
	 * {@link #peek}, in order among the others.
	 * @param node a node in no wheel
	 * @throws IllegalStateException if the node is in a wheel already
	 */
	public void add(N node) {
		if (node.next != null) {
			throw new IllegalStateException("Node " + node + " is already in a timer wheel");
		}
		place(node, node.deadline());
		this.size++;
	}

	/**
	 * Removes a node, wherever it is in the wheel: O(1).
	 * @param node the node
	 * @return {@code false} if it was in no wheel
	 */
	public boolean remove(N node) {
		if (node.next == null) {
			return false;
		}
		unlink(node);
		this.size--;
		return true;
	}

	/**
	 * Places a node again after its deadline has moved earlier (a later deadline needs no call); adds it if it is
	 * in no wheel.
	 * @param node the node
	 */
	public void reposition(N node) {
		remove(node);
		add(node);
	}

	/**
	 * The first node due at or before {@code now}, left in the wheel; moves the cursor up to {@code now} as far
	 * as it needs to find it.
	 * @param now the time, not before the last one passed in (an earlier time is taken as that one)
	 * @return the node with the lowest {@code (deadline, sequence)} if its deadline is at or before {@code now},
	 * otherwise {@code null}
	 */
	@SuppressWarnings("unchecked")
	public N peek(long now) {
		for (;;) {
			TimerNode head = readyHead();
			if (head != null) {
				return (head.deadline() <= now) ? (N) head : null;
			}
			if (!advance(now)) {
				return null;
			}
		}
	}

	/**
	 * The ready list's head, after placing again the heads whose deadlines have grown since they were placed (past
	 * the current level-0 slot, or past the node behind them).
	 * @return the head, or {@code null} if the ready list is empty
	 */
	private TimerNode readyHead() {
		Slot ready = this.ready;
		for (;;) {
			TimerNode head = ready.next;
			if (head == ready) {
				return null;
			}
			long deadline = head.deadline();
			TimerNode second = head.next;
			if ((deadline >>> this.resolutionBits) <= (this.cursor >>> this.resolutionBits)
					&& (second == ready || !after(deadline, head, second))) {
				return head;
			}
			unlink(head);
			place(head, deadline);
		}
	}

	/**
	 * When the wheel next needs its owner: the deadline of the first ready node, or the start of the next non-empty
	 * slot (its nodes' deadlines are at or after it; at that time they move down a level). The time to sleep until.
	 * @return that time, or {@code Long.MAX_VALUE} if the wheel is empty
	 */
	public long nextDeadline() {
		TimerNode head = readyHead();
		if (head != null) {
			return head.deadline();
		}
		for (int level = 0; level < this.levels; level++) {
			long occupied = this.occupied[level];
			if (occupied != 0) {
				return slotStart(level, Long.numberOfTrailingZeros(occupied));
			}
		}
		return Long.MAX_VALUE;
	}

	/**
	 * Calls {@code action} for every node, in no particular order; the action must not change the wheel.
	 * @param action what to do with each node
	 */
	@SuppressWarnings("unchecked")
	public void forEach(Consumer<? super N> action) {
		for (TimerNode node = this.ready.next; node != this.ready; node = node.next) {
			action.accept((N) node);
		}
		for (int level = 0; level < this.levels; level++) {
			for (long occupied = this.occupied[level]; occupied != 0; occupied &= occupied - 1) {
				Slot slot = this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)];
				for (TimerNode node = slot.next; node != slot; node = node.next) {
					action.accept((N) node);
				}
			}
		}
	}

	/**
	 * Removes every node that {@code filter} accepts: O(n).
	 * @param filter which nodes to remove
	 * @return how many were removed
	 */
	@SuppressWarnings("unchecked")
	public int removeIf(Predicate<? super N> filter) {
		int removed = removeIf(this.ready, filter);
		for (int level = 0; level < this.levels; level++) {
			for (long occupied = this.occupied[level]; occupied != 0; occupied &= occupied - 1) {
				removed += removeIf(this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)], filter);
			}
		}
		this.size -= removed;
		return removed;
	}

	@SuppressWarnings("unchecked")
	private int removeIf(Slot slot, Predicate<? super N> filter) {
		int removed = 0;
		TimerNode node = slot.next;
		while (node != slot) {
			TimerNode next = node.next;
			if (filter.test((N) node)) {
				unlink(node);
				removed++;
			}
			node = next;
		}
		return removed;
	}

	/**
	 * Removes every node.
	 * @return the nodes, in no particular order
	 */
	public List<N> clear() {
		List<N> all = new ArrayList<>(this.size);
		forEach(all::add);
		for (N node : all) {
			node.prev = null;
			node.next = null;
		}
		this.ready.next = this.ready;
		this.ready.prev = this.ready;
		for (Slot slot : this.slots) {
			slot.next = slot;
			slot.prev = slot;
		}
		Arrays.fill(this.occupied, 0);
		this.size = 0;
		return all;
	}

	// ---- placing

	private void place(TimerNode node, long deadline) {
		long cursor = this.cursor;
		int resolution = this.resolutionBits;
		if ((deadline >>> resolution) <= (cursor >>> resolution)) {
			insertReady(node, deadline);
			return;
		}
		int level = (63 - Long.numberOfLeadingZeros(deadline ^ cursor) - resolution) / SLOT_BITS;
		int index = (int) (deadline >>> (resolution + level * SLOT_BITS)) & (SLOTS - 1);
		linkLast(this.slots[level * SLOTS + index], node);
		this.occupied[level] |= 1L << index;
	}

	/**
	 * Inserts into the ready list from its tail: O(1) for a node due after the others, as most are.
	 */
	private void insertReady(TimerNode node, long deadline) {
		Slot ready = this.ready;
		TimerNode before = ready.prev;
		while (before != ready && after(before.deadline(), before, deadline, node.sequence())) {
			before = before.prev;
		}
		TimerNode next = before.next;
		node.prev = before;
		node.next = next;
		before.next = node;
		next.prev = node;
	}

	private static boolean after(long deadline, TimerNode node, TimerNode other) {
		long otherDeadline = other.deadline();
		return deadline > otherDeadline || (deadline == otherDeadline && node.sequence() > other.sequence());
	}

	private static boolean after(long deadline, TimerNode node, long otherDeadline, long otherSequence) {
		return deadline > otherDeadline || (deadline == otherDeadline && node.sequence() > otherSequence);
	}

	private static void linkLast(Slot slot, TimerNode node) {
		TimerNode last = slot.prev;
		node.prev = last;
		node.next = slot;
		last.next = node;
		slot.prev = node;
	}

	private void unlink(TimerNode node) {
		TimerNode prev = node.prev;
		TimerNode next = node.next;
		prev.next = next;
		next.prev = prev;
		node.prev = null;
		node.next = null;
		if (prev == next) {
			// Only a slot's sentinel is its own neighbour: the slot is empty now.
			Slot slot = (Slot) prev;
			if (slot.level >= 0) {
				this.occupied[slot.level] &= ~(1L << slot.index);
			}
		}
	}

	// ---- moving on

	private long slotStart(int level, int index) {
		int shift = this.resolutionBits + level * SLOT_BITS;
		int above = shift + SLOT_BITS;
		long high = (above >= Long.SIZE) ? 0 : (this.cursor >>> above) << above;
		return high | ((long) index << shift);
	}

	/**
	 * With the ready list empty: empties the next non-empty slot if it starts at or before {@code now}, moving the
	 * cursor to its start, or else moves the cursor to {@code now} (no slot starts in between, so every node keeps
	 * its place).
	 * @return whether a slot was emptied
	 */
	private boolean advance(long now) {
		for (int level = 0; level < this.levels; level++) {
			long occupied = this.occupied[level];
			if (occupied == 0) {
				continue;
			}
			int index = Long.numberOfTrailingZeros(occupied);
			long start = slotStart(level, index);
			if (start > now) {
				break;
			}
			this.cursor = start;
			this.occupied[level] = occupied & ~(1L << index);
			cascade(this.slots[level * SLOTS + index]);
			return true;
		}
		if (now > this.cursor) {
			this.cursor = now;
		}
		return false;
	}

	/**
	 * Moves the nodes of a slot that the cursor has reached down: to lower levels, or, those now within the current
	 * level-0 slot, into the (empty) ready list, sorted.
	 */
	private void cascade(Slot slot) {
		TimerNode node = slot.next;
		slot.next = slot;
		slot.prev = slot;
		int resolution = this.resolutionBits;
		long window = this.cursor >>> resolution;
		this.batchSize = 0;
		while (node != slot) {
			TimerNode next = node.next;
			node.prev = null;
			node.next = null;
			long deadline = node.deadline();
			if ((deadline >>> resolution) <= window) {
				addToBatch(node, deadline);
			}
			else {
				place(node, deadline);
			}
			node = next;
		}
		if (this.batchSize > 0) {
			sortBatchIntoReady();
		}
	}

	private void addToBatch(TimerNode node, long deadline) {
		int n = this.batchSize;
		if (n == this.batch.length) {
			this.batch = Arrays.copyOf(this.batch, n << 1);
			this.batchDeadlines = Arrays.copyOf(this.batchDeadlines, n << 1);
		}
		this.batch[n] = node;
		this.batchDeadlines[n] = deadline;
		this.batchSize = n + 1;
	}

	private void sortBatchIntoReady() {
		int n = this.batchSize;
		TimerNode[] batch = this.batch;
		long[] deadlines = this.batchDeadlines;
		long windowStart = (this.cursor >>> this.resolutionBits) << this.resolutionBits;
		boolean overdue = false;
		for (int i = 0; i < n && !overdue; i++) {
			overdue = deadlines[i] < windowStart;
		}
		if (n <= SMALL_BATCH || overdue) {
			// Small, or with nodes moved before the window (rare): sort by comparison (insertion into the ready list).
			for (int i = 0; i < n; i++) {
				insertReady(batch[i], deadlines[i]);
				batch[i] = null;
			}
		}
		else {
			countingSortIntoReady(n, windowStart);
		}
		this.batchSize = 0;
		if (batch.length > 4096 && n < (batch.length >>> 2)) {
			// Give the scratch of a burst back.
			this.batch = new TimerNode[SLOTS];
			this.batchDeadlines = new long[SLOTS];
			this.sorted = new TimerNode[SLOTS];
			this.sortedDeadlines = new long[SLOTS];
		}
	}

	/**
	 * Stable counting sort on the deadline's offset in the window, then sequence order within equal deadlines
	 * (already so when the nodes were added in sequence order), then appended to the ready list.
	 */
	private void countingSortIntoReady(int n, long windowStart) {
		TimerNode[] batch = this.batch;
		long[] deadlines = this.batchDeadlines;
		int[] counts = this.counts;
		Arrays.fill(counts, 0);
		for (int i = 0; i < n; i++) {
			counts[(int) (deadlines[i] - windowStart) + 1]++;
		}
		for (int i = 1; i < counts.length; i++) {
			counts[i] += counts[i - 1];
		}
		if (this.sorted.length < n) {
			this.sorted = new TimerNode[batch.length];
			this.sortedDeadlines = new long[batch.length];
		}
		TimerNode[] sorted = this.sorted;
		// The deadlines as read once go along: a node's own may grow meanwhile, and the sort must see one value.
		long[] sortedDeadlines = this.sortedDeadlines;
		for (int i = 0; i < n; i++) {
			int at = counts[(int) (deadlines[i] - windowStart)]++;
			sorted[at] = batch[i];
			sortedDeadlines[at] = deadlines[i];
			batch[i] = null;
		}
		// Equal deadlines: put them in sequence order where insertion order was not (calls handed over by several
		// threads, calls moved).
		int runStart = 0;
		for (int i = 1; i <= n; i++) {
			if (i == n || sortedDeadlines[i] != sortedDeadlines[runStart]) {
				if (i - runStart > 1) {
					sortBySequence(sorted, runStart, i);
				}
				runStart = i;
			}
		}
		Slot ready = this.ready;
		for (int i = 0; i < n; i++) {
			linkLast(ready, sorted[i]);
			sorted[i] = null;
		}
	}

	private static void sortBySequence(TimerNode[] nodes, int from, int to) {
		for (int i = from + 1; i < to; i++) {
			TimerNode node = nodes[i];
			long sequence = node.sequence();
			if (nodes[i - 1].sequence() <= sequence) {
				continue;
			}
			int j = i - 1;
			while (j >= from && nodes[j].sequence() > sequence) {
				nodes[j + 1] = nodes[j];
				j--;
			}
			nodes[j + 1] = node;
		}
	}

	/**
	 * A slot's sentinel: the head of its circular list.
	 */
	private static final class Slot extends TimerNode {

		final int level;

		final int index;

		Slot(int level, int index) {
			this.level = level;
			this.index = index;
			this.prev = this;
			this.next = this;
		}

		@Override
		protected long deadline() {
			throw new UnsupportedOperationException("A slot has no deadline");
		}

		@Override
		protected long sequence() {
			throw new UnsupportedOperationException("A slot has no sequence");
		}

	}

}
