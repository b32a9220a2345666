package dev.reactortime.internal.timer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * an empty stretch of time costs nothing to cross (the wheel never ticks through empty slots, unlike Netty's).
 *
 * <p><b>Slots are arrays</b> of node references; each node keeps its index there ({@link TimerNode}, one
 * {@code int}), so removal is O(1) with no search: the entry is nulled and the gaps are closed when the array fills
 * or thins out (nodes keep the order they were added in, and removing them in that order walks the array once).
 * Arrays, not lists through the nodes: the young collector copies a million pending calls from arrays in parallel
 * and in address order, where a list through the nodes is one long chain to chase (it made the garbage collector
 * half of the schedule-and-cancel cost with a million pending), and a slot is emptied by one pass over an array.
 *
 * <p><b>Firing.</b> When the time reaches a slot, its nodes move down, or, once they fall within the cursor's level-0
 * slot, into the <em>run</em>: an array sorted by {@code (deadline, sequence)} with a counting sort on the deadline's
 * low bits (stable, so nodes added in sequence order need no comparison), each deadline as read for the sort kept
 * beside it. {@link #peek(long)} returns the run's next node in O(1) while it is due. A slot being emptied moves the
 * cursor to its start or further, to the earliest deadline placed in it, so a burst due a few microseconds after the
 * start of a wide slot reaches level 0 in one move instead of going down every level. A node added for the
 * cursor's level-0 slot or earlier once the run is built goes into the <em>late heap</em> (a binary heap with its
 * deadlines kept beside it); {@code peek} takes the earlier of the two heads. {@link #nextDeadline(long)} empties a
 * slot ahead of time: about a millisecond before its earliest deadline, and more for a crowded slot (a million
 * nodes: 100 ms), so that the owner sleeps until an exact deadline with the nodes already sorted (the cursor may
 * then be ahead of the time). Nodes are loaded in batches ahead of the cascade and the fires, so that their cache
 * misses overlap.
 *
 * <p>Deadlines are read from the nodes: a node whose deadline has grown since it was placed is placed again when
 * it comes to the front, so moving a timer later costs the caller nothing here; one moved earlier must be
 * {@linkplain #reposition placed again}.
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

	/** Runs up to this size are sorted by insertion; larger ones by counting sort. */
	private static final int SMALL_RUN = 32;

	/** A run longer than this is a burst: its scratch arrays are kept for a while after it, then given back. */
	private static final int KEPT_SCRATCH = 4096;

	/** {@link #nextDeadline} empties a slot at least {@code 2^(resolutionBits + 10)} (about 1 ms) before its earliest deadline. */
	private static final int LOOKAHEAD_BITS = 10;

	/** Time a crowded slot is emptied earlier per node in it, in the wheel's unit (see {@link #lead}). */
	private static final int LEAD_PER_NODE = 100;

	/** The most a crowded slot is emptied earlier, in horizons (see {@link #lead}). */
	private static final int MAX_EXTRA_LEAD_PER_HORIZON = 100;

	/**
	 * {@link TimerNode#wheelIndex} of a node in the run: its place there is not kept (see {@link #removeFromRun}), so
	 * a burst is sorted into the run without touching its nodes again.
	 */
	private static final int IN_RUN = Integer.MAX_VALUE;

	/** The late heap is sorted into the run once it holds this many nodes of the run's slot and an eighth of the run. */
	private static final int MERGE_LATE = 64;

	/** How many nodes {@link #touch} loads in one go. */
	private static final int TOUCH_BATCH = 32;

	/** A slot's array never shrinks below this capacity, and one this small is kept when the slot empties. */
	private static final int SMALL_SLOT = 16;

	private static final TimerNode[] NO_NODES = {};

	/** A slot's {@link Slot#base} stays below this (far from {@link #IN_RUN}): past it the slot is compacted. */
	private static final int MAX_BASE = 1 << 30;

	private static final Comparator<TimerNode> BY_SEQUENCE = Comparator.comparingLong(TimerNode::sequence);

	private final int resolutionBits;

	private final int levels;

	private final Slot[] slots;

	private final long[] occupied;

	/** Where the wheel stands: never after the time last passed in, never moves back. */
	private long cursor;

	private int size;

	/**
	 * The run: nodes of the current level-0 slot sorted by {@code (deadline, sequence)}, from {@link #runHead} to
	 * {@link #runEnd}; the entry of a node removed meanwhile is {@code null}.
	 */
	private TimerNode[] run = new TimerNode[SLOTS];

	/** The deadline of each node of the run as the sort read it. */
	private long[] runDeadlines = new long[SLOTS];

	private int runHead;

	/** The run's nodes before this index have been {@link #touch touched}. */
	private int runTouched;

	/** Never read: kept so that the loads of {@link #touch} are not optimised away. */
	@SuppressWarnings("unused")
	private int touched;

	private int runEnd;

	/**
	 * The late heap: nodes due in the current level-0 slot or before that came after the run was built (or while the
	 * cursor was ahead of the time), a binary heap on {@code (deadline, sequence)} with each deadline as read when the
	 * node went in beside it in {@link #lateDeadlines}.
	 */
	private TimerNode[] late = new TimerNode[SLOTS];

	private long[] lateDeadlines = new long[SLOTS];

	/**
	 * Nodes left in the late heap by the last {@link #mergeLateIntoRun} (due before the run's slot), not counted
	 * towards the next one.
	 */
	private int lateKept;

	private int lateSize;

	/** Scratch: the nodes of a slot on their way into the run, in the slot's order. */
	private TimerNode[] batch = new TimerNode[SLOTS];

	private long[] batchDeadlines = new long[SLOTS];

	private int batchSize;

	private final int[] counts;

	/** How long the scratch of a large run is kept after it, in the wheel's unit. */
	private final long scratchRetention;

	/** The cursor when the last large run was built. */
	private long largeRunAt;

	/**
	 * A wheel for nanoseconds: a level-0 slot of {@code 2^10} units, and the scratch of a burst kept for 10 s.
	 */
	public TimerWheel() {
		this(DEFAULT_RESOLUTION_BITS, 10_000_000_000L);
	}

	/**
	 * A wheel with a level-0 slot of {@code 2^resolutionBits} units: the larger, the fewer levels a node moves
	 * through, and the more nodes each run takes.
	 * @param resolutionBits between 0 and 20
	 * @param scratchRetention how long after a burst (more than 4,096 nodes due in one level-0 slot) the arrays
	 * that sorted it are kept for the next one, in the wheel's unit, not negative
	 */
	public TimerWheel(int resolutionBits, long scratchRetention) {
		if (resolutionBits < 0 || resolutionBits > 20) {
			throw new IllegalArgumentException("resolutionBits must be between 0 and 20, was " + resolutionBits);
		}
		if (scratchRetention < 0) {
			throw new IllegalArgumentException("scratchRetention must not be negative, was " + scratchRetention);
		}
		this.scratchRetention = scratchRetention;
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
	 * The width of a level-0 slot: {@code 2^resolutionBits} units.
	 * @return the resolution bits this wheel was made with
	 */
	public int resolutionBits() {
		return this.resolutionBits;
	}

	/**
	 * Adds a node at its {@link TimerNode#deadline() deadline}; a deadline already past comes out at the next
	 * {@link #peek}, in order among the others.
	 * @param node a node in no wheel
	 * @throws IllegalStateException if the node is in a wheel already
	 */
	public void add(N node) {
		if (node.wheelIndex != 0) {
			throw new IllegalStateException("Node " + node + " is already in a timer wheel");
		}
		place(node, node.deadline(), 0);
		this.size++;
	}

	/**
	 * Removes a node, wherever it is in the wheel: O(1), or, for a node whose deadline has changed since it was
	 * placed, a look at each non-empty slot (at most 64 a level).
	 * @param node the node
	 * @return {@code false} if it was in no wheel
	 */
	public boolean remove(N node) {
		return remove(node, node.deadline());
	}

	private boolean remove(TimerNode node, long deadline) {
		int index = node.wheelIndex - 1;
		if (index < 0) {
			return false;
		}
		if (node.wheelIndex == IN_RUN) {
			removeFromRun(node);
		}
		else if (index < this.lateSize && this.late[index] == node) {
			removeLate(index);
		}
		else {
			removeFromSlot(slotHolding(node, index, deadline), index);
		}
		node.wheelIndex = 0;
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
	 * {@link #reposition(TimerNode)} for a node whose deadline was {@code previousDeadline} before it moved: it is
	 * found in O(1) if it was placed at that deadline.
	 * @param node the node
	 * @param previousDeadline its deadline before it moved
	 */
	public void reposition(N node, long previousDeadline) {
		remove(node, previousDeadline);
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
			TimerNode first = first();
			if (first != null) {
				return (first.deadline() <= now) ? (N) first : null;
			}
			if (!advance(now, true)) {
				return null;
			}
		}
	}

	/**
	 * When the wheel next needs its owner: the deadline of its first node if that node is in the run or the late heap,
	 * or else the time to empty the next slot ahead of time, its {@linkplain #lead lead} before its earliest deadline.
	 * A slot whose time has come is emptied now (into lower levels, the cursor jumping to its earliest deadline as far
	 * as {@code now} plus the lead), so that the owner wakes once, at a deadline, with the nodes sorted, rather than once
	 * to move nodes down and again, later than their deadline, to run them. The time to sleep until; never after the
	 * first node's deadline.
	 * @param now the time
	 * @return that time, or {@code Long.MAX_VALUE} if the wheel is empty
	 */
	public long nextDeadline(long now) {
		for (;;) {
			TimerNode first = first();
			if (first != null) {
				return first.deadline();
			}
			// The next slot, emptied now if it starts within its lead.
			Slot next = nextSlot();
			if (next == null) {
				return Long.MAX_VALUE;
			}
			long lead = lead(next);
			long from = Math.max(slotStart(next.level, next.index), next.earliest);
			if (from - lead > now) {
				return from - lead;
			}
			advance(now + lead, false);
		}
	}

	/**
	 * How long before its start a slot is emptied ahead of time: the horizon, and more for a crowded slot, so that a
	 * burst has gone down the levels and been sorted by the time it is due (moving a node costs some tens of
	 * nanoseconds; sorting a million takes tens of milliseconds). Capped, because nodes added meanwhile for a time
	 * before the cursor go to the late heap.
	 */
	private long lead(Slot slot) {
		long horizon = 1L << (this.resolutionBits + LOOKAHEAD_BITS);
		return horizon + Math.min(MAX_EXTRA_LEAD_PER_HORIZON * horizon, (long) slot.live * LEAD_PER_NODE);
	}

	/** The non-empty slot that starts first, or {@code null}. */
	private Slot nextSlot() {
		for (int level = 0; level < this.levels; level++) {
			long occupied = this.occupied[level];
			if (occupied != 0) {
				return this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)];
			}
		}
		return null;
	}

	/**
	 * Calls {@code action} for every node, in no particular order; the action must not change the wheel.
	 * @param action what to do with each node
	 */
	@SuppressWarnings("unchecked")
	public void forEach(Consumer<? super N> action) {
		forEach(this.run, this.runHead, this.runEnd, action);
		forEach(this.late, 0, this.lateSize, action);
		for (int level = 0; level < this.levels; level++) {
			for (long occupied = this.occupied[level]; occupied != 0; occupied &= occupied - 1) {
				Slot slot = this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)];
				forEach(slot.nodes, 0, slot.count, action);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static <N> void forEach(TimerNode[] nodes, int from, int to, Consumer<? super N> action) {
		for (int i = from; i < to; i++) {
			TimerNode node = nodes[i];
			if (node != null) {
				action.accept((N) node);
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
		int removed = 0;
		for (int i = this.runHead; i < this.runEnd; i++) {
			TimerNode node = this.run[i];
			if (node != null && filter.test((N) node)) {
				this.run[i] = null;
				node.wheelIndex = 0;
				removed++;
			}
		}
		int kept = 0;
		for (int i = 0; i < this.lateSize; i++) {
			TimerNode node = this.late[i];
			if (filter.test((N) node)) {
				node.wheelIndex = 0;
				removed++;
			}
			else {
				this.late[kept] = node;
				this.lateDeadlines[kept] = this.lateDeadlines[i];
				kept++;
			}
		}
		Arrays.fill(this.late, kept, this.lateSize, null);
		this.lateSize = kept;
		heapify();
		for (int level = 0; level < this.levels; level++) {
			for (long occupied = this.occupied[level]; occupied != 0; occupied &= occupied - 1) {
				removed += removeIf(this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)], filter);
			}
		}
		this.size -= removed;
		return removed;
	}

	/** Keeps the nodes the filter refuses, in their order, at the start of the slot's array. */
	@SuppressWarnings("unchecked")
	private int removeIf(Slot slot, Predicate<? super N> filter) {
		TimerNode[] nodes = slot.nodes;
		int before = slot.live;
		for (int i = 0; i < slot.count; i++) {
			TimerNode node = nodes[i];
			if (node != null && filter.test((N) node)) {
				nodes[i] = null;
				node.wheelIndex = 0;
				slot.live--;
			}
		}
		if (slot.live == 0) {
			Arrays.fill(nodes, 0, slot.count, null);
			slot.count = 0;
			emptied(slot);
		}
		else {
			int live = slot.live;
			compact(slot, (nodes.length > SMALL_SLOT && live < (nodes.length >>> 2))
					? new TimerNode[Math.max(SMALL_SLOT, live << 1)] : nodes);
		}
		return before - slot.live;
	}

	/**
	 * Removes every node.
	 * @return the nodes, in no particular order
	 */
	public List<N> clear() {
		List<N> all = new ArrayList<>(this.size);
		forEach(all::add);
		for (N node : all) {
			node.wheelIndex = 0;
		}
		Arrays.fill(this.run, 0, this.runEnd, null);
		this.runHead = 0;
		this.runEnd = 0;
		Arrays.fill(this.late, 0, this.lateSize, null);
		this.lateSize = 0;
		for (Slot slot : this.slots) {
			slot.nodes = NO_NODES;
			slot.count = 0;
			slot.live = 0;
			slot.base = 0;
			slot.earliest = Long.MAX_VALUE;
		}
		Arrays.fill(this.occupied, 0);
		this.size = 0;
		return all;
	}

	// ---- the current level-0 slot: the run and the late heap

	/**
	 * The earlier of the run's head and the late heap's head, or {@code null} if both are empty.
	 */
	private TimerNode first() {
		int lateSize = this.lateSize;
		if (this.lateKept > lateSize) {
			this.lateKept = lateSize;
		}
		int fresh = lateSize - this.lateKept;
		if (fresh >= MERGE_LATE && fresh >= ((this.runEnd - this.runHead) >>> 3)) {
			mergeLateIntoRun();
		}
		TimerNode run = runHead();
		TimerNode late = lateHead();
		if (run == null) {
			return late;
		}
		if (late == null || !before(this.lateDeadlines[0], late, this.runDeadlines[this.runHead], run)) {
			return run;
		}
		return late;
	}

	/**
	 * The run's next node, after skipping the entries of nodes removed meanwhile and placing again those whose
	 * deadline has changed since the sort.
	 */
	private TimerNode runHead() {
		TimerNode[] run = this.run;
		long[] deadlines = this.runDeadlines;
		int end = this.runEnd;
		for (int i = this.runHead; i < end; i++) {
			TimerNode node = run[i];
			if (node != null) {
				long deadline = node.deadline();
				if (deadline == deadlines[i]) {
					this.runHead = i;
					if (i >= this.runTouched) {
						this.runTouched = touch(run, i + 1, end);
					}
					return node;
				}
				run[i] = null;
				node.wheelIndex = 0;
				place(node, deadline, 0);
			}
		}
		this.runHead = 0;
		this.runEnd = 0;
		return null;
	}

	/**
	 * Takes a node out of the run: its entry is nulled and skipped when reached. The run's head is the usual case (a
	 * due node taken to run); otherwise the entry is found by its deadline as sorted (a binary search), or, for a
	 * node whose deadline has grown since, by looking at every entry.
	 */
	private void removeFromRun(TimerNode node) {
		TimerNode[] run = this.run;
		int head = this.runHead;
		if (run[head] == node) {
			run[head] = null;
			return;
		}
		long[] deadlines = this.runDeadlines;
		long deadline = node.deadline();
		int at = Arrays.binarySearch(deadlines, head, this.runEnd, deadline);
		if (at >= 0) {
			for (int i = at; i >= head && deadlines[i] == deadline; i--) {
				if (run[i] == node) {
					run[i] = null;
					return;
				}
			}
			for (int i = at + 1; i < this.runEnd && deadlines[i] == deadline; i++) {
				if (run[i] == node) {
					run[i] = null;
					return;
				}
			}
		}
		for (int i = head; i < this.runEnd; i++) {
			if (run[i] == node) {
				run[i] = null;
				return;
			}
		}
		throw new IllegalStateException("Node " + node + " is not in the run it was put in");
	}

	/**
	 * Touches the nodes of {@code nodes[from, to)}, {@value #TOUCH_BATCH} at most, in one go: sorted by deadline, a
	 * run visits memory out of order, and a node's cache miss would stall each fire in turn. These loads depend on
	 * nothing before them, so the processor has them all in flight at once, and the nodes are in the cache when the
	 * fires (or the cascade) reach them. Java has no prefetch instruction; this is the next best thing.
	 * @return the index after the last node touched
	 */
	private int touch(TimerNode[] nodes, int from, int to) {
		int end = Math.min(to, from + TOUCH_BATCH);
		int sum = 0;
		for (int i = from; i < end; i++) {
			TimerNode node = nodes[i];
			if (node != null) {
				sum += node.wheelIndex;
			}
		}
		this.touched += sum;
		return end;
	}

	/**
	 * The late heap's head, after placing again the heads whose deadline has grown since they went in.
	 */
	private TimerNode lateHead() {
		while (this.lateSize > 0) {
			TimerNode head = this.late[0];
			long deadline = head.deadline();
			if (deadline == this.lateDeadlines[0]) {
				return head;
			}
			removeLate(0);
			head.wheelIndex = 0;
			place(head, deadline, 0);
		}
		return null;
	}

	/** Whether {@code (deadline, node.sequence)} comes before or with {@code (otherDeadline, other.sequence)}. */
	private static boolean before(long deadline, TimerNode node, long otherDeadline, TimerNode other) {
		return deadline < otherDeadline || (deadline == otherDeadline && node.sequence() <= other.sequence());
	}

	/**
	 * Sorts the late heap's nodes of the current level-0 slot into the run, with the run's own: nodes that arrive for
	 * a slot after it was emptied (a burst still being handed over when its slot's lead came) are a heap insertion and
	 * removal each, O(log n) and a cache miss a level, where a sort is O(1) a node and fires them in one pass. Done
	 * when they are an eighth of the run or more, so each node is sorted O(1) times. Nodes due before the slot stay in
	 * the heap.
	 */
	private void mergeLateIntoRun() {
		int resolution = this.resolutionBits;
		long window = this.cursor >>> resolution;
		this.batchSize = 0;
		TimerNode[] run = this.run;
		long[] runDeadlines = this.runDeadlines;
		for (int i = this.runHead; i < this.runEnd; i++) {
			TimerNode node = run[i];
			if (node != null) {
				run[i] = null;
				addToBatch(node, runDeadlines[i]);
			}
		}
		this.runHead = 0;
		this.runEnd = 0;
		TimerNode[] late = this.late;
		long[] lateDeadlines = this.lateDeadlines;
		int kept = 0;
		for (int i = 0; i < this.lateSize; i++) {
			TimerNode node = late[i];
			long deadline = lateDeadlines[i];
			if ((deadline >>> resolution) == window) {
				node.wheelIndex = IN_RUN;
				addToBatch(node, deadline);
			}
			else {
				late[kept] = node;
				lateDeadlines[kept] = deadline;
				kept++;
			}
		}
		Arrays.fill(late, kept, this.lateSize, null);
		this.lateSize = kept;
		this.lateKept = kept;
		heapify();
		if (this.batchSize > 0) {
			buildRun(window << resolution, false);
		}
	}

	/** Restores the heap order of {@code late[0, lateSize)} and the indexes its nodes keep. */
	private void heapify() {
		for (int i = (this.lateSize >>> 1) - 1; i >= 0; i--) {
			siftDown(i, this.late[i], this.lateDeadlines[i]);
		}
		for (int i = 0; i < this.lateSize; i++) {
			this.late[i].wheelIndex = i + 1;
		}
	}

	/** Adds to the late heap: O(log n), sequences read only where deadlines are equal. */
	private void insertLate(TimerNode node, long deadline) {
		int at = this.lateSize;
		if (at == this.late.length) {
			this.late = Arrays.copyOf(this.late, at << 1);
			this.lateDeadlines = Arrays.copyOf(this.lateDeadlines, at << 1);
		}
		this.lateSize = at + 1;
		siftUp(at, node, deadline);
	}

	/** Takes the entry at {@code index} out of the late heap: the last entry fills the gap and moves up or down. */
	private void removeLate(int index) {
		int last = --this.lateSize;
		TimerNode moved = this.late[last];
		long movedDeadline = this.lateDeadlines[last];
		this.late[last] = null;
		if (index != last) {
			siftDown(index, moved, movedDeadline);
			if (this.late[index] == moved) {
				siftUp(index, moved, movedDeadline);
			}
		}
		if (this.lateSize == 0 && this.late.length > KEPT_SCRATCH) {
			this.late = new TimerNode[SLOTS];
			this.lateDeadlines = new long[SLOTS];
		}
	}

	private void siftUp(int index, TimerNode node, long deadline) {
		TimerNode[] late = this.late;
		long[] deadlines = this.lateDeadlines;
		int at = index;
		while (at > 0) {
			int parent = (at - 1) >>> 1;
			TimerNode above = late[parent];
			if (before(deadlines[parent], above, deadline, node)) {
				break;
			}
			late[at] = above;
			deadlines[at] = deadlines[parent];
			above.wheelIndex = at + 1;
			at = parent;
		}
		late[at] = node;
		deadlines[at] = deadline;
		node.wheelIndex = at + 1;
	}

	private void siftDown(int index, TimerNode node, long deadline) {
		TimerNode[] late = this.late;
		long[] deadlines = this.lateDeadlines;
		int size = this.lateSize;
		int at = index;
		for (;;) {
			int child = 2 * at + 1;
			if (child >= size) {
				break;
			}
			if (child + 1 < size && !before(deadlines[child], late[child], deadlines[child + 1], late[child + 1])) {
				child++;
			}
			if (before(deadline, node, deadlines[child], late[child])) {
				break;
			}
			late[at] = late[child];
			deadlines[at] = deadlines[child];
			late[at].wheelIndex = at + 1;
			at = child;
		}
		late[at] = node;
		deadlines[at] = deadline;
		node.wheelIndex = at + 1;
	}

	// ---- the slots

	/**
	 * Puts a node in the late heap or at the end of its slot's array.
	 * @param more how many nodes are known to follow (a slot being emptied): a full array grows faster then
	 */
	private void place(TimerNode node, long deadline, int more) {
		long cursor = this.cursor;
		int resolution = this.resolutionBits;
		if ((deadline >>> resolution) <= (cursor >>> resolution)) {
			insertLate(node, deadline);
			return;
		}
		int level = (63 - Long.numberOfLeadingZeros(deadline ^ cursor) - resolution) / SLOT_BITS;
		int index = (int) (deadline >>> (resolution + level * SLOT_BITS)) & (SLOTS - 1);
		Slot slot = this.slots[level * SLOTS + index];
		if (slot.count == slot.nodes.length) {
			makeRoom(slot, more);
		}
		int count = slot.count;
		slot.nodes[count] = node;
		node.wheelIndex = slot.base + count + 1;
		slot.count = count + 1;
		slot.live++;
		if (deadline < slot.earliest) {
			slot.earliest = deadline;
		}
		this.occupied[level] |= 1L << index;
	}

	/**
	 * A full slot array. Gaps at its front (the oldest nodes removed first, the common case: timeouts cancelled in the
	 * order they were set) are dropped by moving the entries down and raising the slot's {@link Slot#base base}, so
	 * the nodes keep their indexes and are not touched. Gaps inside, a quarter of the array or more, are closed by
	 * compacting, which rewrites each node's index. Otherwise the array grows by half (more while a slot is emptied
	 * into it). O(1) per node added since the last time, either way.
	 */
	private static void makeRoom(Slot slot, int more) {
		TimerNode[] nodes = slot.nodes;
		int count = slot.count;
		int live = slot.live;
		int front = 0;
		if (live < count) {
			while (nodes[front] == null) {
				front++;
			}
		}
		int kept = count - front;
		int inside = kept - live;
		if ((inside > 0 && inside >= (count >>> 2)) || slot.base + front + nodes.length >= MAX_BASE) {
			// Compacting in place leaves at least a quarter free; a base near the index limit starts again at 0.
			compact(slot, (live > count - (count >>> 2)) ? new TimerNode[capacity(live, more)] : nodes);
			return;
		}
		// Emptying a crowded slot, most nodes often go to one slot below (a burst): grow by up to four times then,
		// not by half, so a million nodes are copied about once more rather than three times.
		TimerNode[] into = (kept == count || kept > count - (count >>> 2)) ? new TimerNode[capacity(kept, more)] : nodes;
		System.arraycopy(nodes, front, into, 0, kept);
		if (into == nodes) {
			Arrays.fill(nodes, kept, count, null);
		}
		slot.nodes = into;
		slot.count = kept;
		slot.base += front;
	}

	private static int capacity(int entries, int more) {
		return Math.max(SMALL_SLOT, entries + Math.max(entries >>> 1, Math.min(more, entries * 3)));
	}

	/** Copies the slot's nodes, in their order and without gaps, to the start of {@code into}, its new array. */
	private static void compact(Slot slot, TimerNode[] into) {
		TimerNode[] nodes = slot.nodes;
		int count = slot.count;
		int kept = 0;
		for (int i = 0; i < count; i++) {
			TimerNode node = nodes[i];
			if (node != null) {
				into[kept] = node;
				node.wheelIndex = ++kept;
			}
		}
		if (into == nodes) {
			Arrays.fill(nodes, kept, count, null);
		}
		slot.nodes = into;
		slot.count = kept;
		slot.base = 0;
	}

	/**
	 * The slot whose array holds {@code node} at {@code index}: the slot of {@code deadline}, unless the node was
	 * placed at another deadline (it has moved since); then each non-empty slot is looked at (a node is in one array only, so the
	 * one whose entry at {@code index} is the node is its slot).
	 */
	private Slot slotHolding(TimerNode node, int index, long deadline) {
		int resolution = this.resolutionBits;
		if ((deadline >>> resolution) > (this.cursor >>> resolution)) {
			int level = (63 - Long.numberOfLeadingZeros(deadline ^ this.cursor) - resolution) / SLOT_BITS;
			Slot slot = this.slots[level * SLOTS + ((int) (deadline >>> (resolution + level * SLOT_BITS)) & (SLOTS - 1))];
			if (slot.holds(node, index)) {
				return slot;
			}
		}
		for (int level = 0; level < this.levels; level++) {
			for (long occupied = this.occupied[level]; occupied != 0; occupied &= occupied - 1) {
				Slot slot = this.slots[level * SLOTS + Long.numberOfTrailingZeros(occupied)];
				if (slot.holds(node, index)) {
					return slot;
				}
			}
		}
		throw new IllegalStateException("Node " + node + " is not where the wheel placed it");
	}

	/**
	 * Takes the entry at {@code index} out of the slot, leaving a gap (closed when the array fills or thins out):
	 * nodes keep their order, and removing the nodes of a slot in the order they were added walks its array once.
	 */
	private void removeFromSlot(Slot slot, int index) {
		TimerNode[] nodes = slot.nodes;
		index -= slot.base;
		nodes[index] = null;
		int live = --slot.live;
		if (live == 0) {
			Arrays.fill(nodes, 0, slot.count, null);
			slot.count = 0;
			emptied(slot);
			return;
		}
		if (index == slot.count - 1) {
			slot.count = index;
		}
		if (nodes.length > SMALL_SLOT && live < (nodes.length >>> 2)) {
			// Thinned out: a mass cancellation gives its memory back as it goes.
			compact(slot, new TimerNode[Math.max(SMALL_SLOT, live << 1)]);
		}
	}

	private void emptied(Slot slot) {
		this.occupied[slot.level] &= ~(1L << slot.index);
		slot.base = 0;
		slot.earliest = Long.MAX_VALUE;
		if (slot.nodes.length > SMALL_SLOT) {
			slot.nodes = NO_NODES;
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
	 * With the run and the late heap empty: empties the next non-empty slot if it starts at or before {@code limit}
	 * (see {@link #cascade}), or else, if asked, moves the cursor to {@code limit} (no slot starts in between, so
	 * every node keeps its place).
	 * @return whether a slot was emptied
	 */
	private boolean advance(long limit, boolean moveCursor) {
		for (int level = 0; level < this.levels; level++) {
			long occupied = this.occupied[level];
			if (occupied == 0) {
				continue;
			}
			int index = Long.numberOfTrailingZeros(occupied);
			long start = slotStart(level, index);
			if (start > limit) {
				break;
			}
			this.occupied[level] = occupied & ~(1L << index);
			cascade(this.slots[level * SLOTS + index], start, limit);
			return true;
		}
		if (moveCursor && limit > this.cursor) {
			this.cursor = limit;
		}
		return false;
	}

	/**
	 * Moves the nodes of the first non-empty slot down: to lower levels, or, those within the cursor's level-0 slot,
	 * into a new run (the old one is used up). The cursor moves to the slot's start, or further, up to the earliest
	 * deadline placed in the slot if that is not past {@code limit}: every other slot starts after this one ends, so
	 * nothing is passed over, and a burst due a few microseconds after the start of a wide slot lands in level 0 in
	 * one move instead of going down every level. One pass over the slot's array; no node goes back into this slot.
	 */
	private void cascade(Slot slot, long start, long limit) {
		this.cursor = Math.max(this.cursor, Math.max(start, Math.min(slot.earliest, limit)));
		TimerNode[] nodes = slot.nodes;
		int count = slot.count;
		slot.count = 0;
		slot.live = 0;
		slot.base = 0;
		slot.earliest = Long.MAX_VALUE;
		int resolution = this.resolutionBits;
		long window = this.cursor >>> resolution;
		long windowStart = window << resolution;
		long lastSequence = Long.MIN_VALUE;
		boolean inSequence = true;
		this.batchSize = 0;
		int touchedUpTo = 0;
		for (int i = 0; i < count; i++) {
			if (i >= touchedUpTo) {
				touchedUpTo = touch(nodes, i + TOUCH_BATCH / 2, count);
			}
			TimerNode node = nodes[i];
			if (node == null) {
				continue;
			}
			nodes[i] = null;
			long deadline = node.deadline();
			if ((deadline >>> resolution) != window) {
				node.wheelIndex = 0;
				place(node, deadline, count - i); // a lower level, a later slot, or moved before this one (late)
			}
			else {
				long sequence = node.sequence();
				inSequence &= sequence > lastSequence;
				lastSequence = sequence;
				node.wheelIndex = IN_RUN; // written now, while the node is in the cache, not when sorted
				addToBatch(node, deadline);
			}
		}
		if (nodes.length > SMALL_SLOT) {
			slot.nodes = NO_NODES;
		}
		if (this.batchSize > 0) {
			buildRun(windowStart, inSequence);
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

	/**
	 * Sorts the batch into the run: by insertion when small, otherwise by a stable counting sort on the deadline's
	 * offset in the slot, then by sequence within equal deadlines if the batch was not in sequence order already.
	 */
	private void buildRun(long windowStart, boolean inSequence) {
		int n = this.batchSize;
		if (this.run.length < n) {
			this.run = new TimerNode[this.batch.length];
			this.runDeadlines = new long[this.batch.length];
		}
		boolean release = false;
		if (n > KEPT_SCRATCH) {
			this.largeRunAt = this.cursor;
		}
		else if (this.run.length > KEPT_SCRATCH && this.cursor - this.largeRunAt > this.scratchRetention) {
			// No burst for a while: give its scratch back (the run is used up; the batch once sorted). Kept until
			// then, because fresh memory costs a page fault per 4 KiB on first touch, and a burst is the worst time
			// to pay for that.
			this.run = new TimerNode[Math.max(SLOTS, n)];
			this.runDeadlines = new long[this.run.length];
			release = true;
		}
		TimerNode[] batch = this.batch;
		long[] deadlines = this.batchDeadlines;
		TimerNode[] run = this.run;
		long[] runDeadlines = this.runDeadlines;
		if (n <= SMALL_RUN) {
			for (int i = 0; i < n; i++) {
				TimerNode node = batch[i];
				long deadline = deadlines[i];
				int j = i - 1;
				while (j >= 0 && !before(runDeadlines[j], run[j], deadline, node)) {
					run[j + 1] = run[j];
					runDeadlines[j + 1] = runDeadlines[j];
					j--;
				}
				run[j + 1] = node;
				runDeadlines[j + 1] = deadline;
				batch[i] = null;
			}
		}
		else {
			int[] counts = this.counts;
			Arrays.fill(counts, 0);
			for (int i = 0; i < n; i++) {
				counts[(int) (deadlines[i] - windowStart) + 1]++;
			}
			for (int i = 1; i < counts.length; i++) {
				counts[i] += counts[i - 1];
			}
			for (int i = 0; i < n; i++) {
				int at = counts[(int) (deadlines[i] - windowStart)]++;
				TimerNode node = batch[i];
				run[at] = node;
				runDeadlines[at] = deadlines[i];
				batch[i] = null;
			}
			if (!inSequence) {
				sortTiesBySequence(run, runDeadlines, n);
			}
		}
		this.runHead = 0;
		this.runEnd = n;
		this.runTouched = 0;
		this.batchSize = 0;
		if (release) {
			this.batch = new TimerNode[SLOTS];
			this.batchDeadlines = new long[SLOTS];
		}
	}

	/**
	 * Puts nodes with equal deadlines in sequence order (calls handed over by several threads, calls moved, calls
	 * that reached this slot by different levels, calls that took the place of a removed one in a slot). A merge
	 * sort, so a run made of a few ascending stretches (the usual case) costs one pass.
	 */
	private static void sortTiesBySequence(TimerNode[] nodes, long[] deadlines, int n) {
		int from = 0;
		for (int to = 1; to <= n; to++) {
			if (to < n && deadlines[to] == deadlines[from]) {
				continue;
			}
			if (to - from > 1) {
				Arrays.sort(nodes, from, to, BY_SEQUENCE);
			}
			from = to;
		}
	}

	/**
	 * A slot: its nodes in an array, in the order they were added, with gaps where nodes were removed.
	 */
	private static final class Slot {

		final int level;

		final int index;

		TimerNode[] nodes = NO_NODES;

		/** Entries in use: nodes and gaps. */
		int count;

		/**
		 * The index of the array's first entry: a node at entry {@code i} has {@code wheelIndex == base + i + 1}.
		 * Raised when gaps at the front are dropped, so that the nodes after them keep their indexes.
		 */
		int base;

		/** Nodes. */
		int live;

		/**
		 * The earliest deadline placed in the slot since it was last emptied: a lower bound of its nodes' deadlines
		 * (removals and later moves leave it lower, never higher).
		 */
		long earliest = Long.MAX_VALUE;

		Slot(int level, int index) {
			this.level = level;
			this.index = index;
		}

		/** Whether {@code node} is the entry of index {@code index} (a {@link TimerNode#wheelIndex} less one). */
		boolean holds(TimerNode node, int index) {
			int at = index - this.base;
			return at >= 0 && at < this.count && this.nodes[at] == node;
		}

	}

}
