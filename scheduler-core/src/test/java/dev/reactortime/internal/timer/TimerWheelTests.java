package dev.reactortime.internal.timer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link TimerWheel} against a plain reference model (a sorted set of {@code (deadline, sequence)}), operation by
 * operation, over millions of random operations whose deadlines span every level of the wheel.
 */
class TimerWheelTests {

	private static final long MAX_DEADLINE = (1L << 62) - 1;

	private static final Comparator<Node> ORDER = Comparator.comparingLong((Node node) -> node.deadline)
		.thenComparingLong((node) -> node.sequence);

	@Test
	void matchesTheReferenceModelOverMillionsOfRandomOperations() {
		for (long seed = 1; seed <= 4; seed++) {
			new Model(seed, TimerWheel.DEFAULT_RESOLUTION_BITS).run(750_000);
		}
	}

	@Test
	void matchesTheReferenceModelAtOtherResolutions() {
		new Model(11, 0).run(300_000);
		new Model(12, 16).run(300_000);
	}

	@Test
	void equalDeadlinesComeOutInSequenceOrderWhateverTheOrderTheyWereAddedIn() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			// Five deadlines in one level-0 slot, far enough out to arrive by a cascade and a counting sort.
			nodes.add(new Node(1_000_000_000L + (i % 5) * 100, i));
		}
		Collections.shuffle(nodes, new Random(7));
		nodes.forEach(wheel::add);
		List<Node> out = drain(wheel, 2_000_000_000L);
		List<Node> expected = new ArrayList<>(nodes);
		expected.sort(ORDER);
		assertThat(out).containsExactlyElementsOf(expected);
	}

	@Test
	void aNodeAddedForNowWhileABurstIsDueComesAfterTheOverdueOnes() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		for (int i = 0; i < 100_000; i++) {
			wheel.add(new Node(5_000_000 + (i & 63), i));
		}
		assertThat(wheel.peek(6_000_000).sequence).isZero();
		wheel.remove(wheel.peek(6_000_000));
		Node now = new Node(6_000_000, 100_000);
		wheel.add(now);
		List<Node> out = drain(wheel, 6_000_000);
		assertThat(out).hasSize(100_000);
		assertThat(out.get(out.size() - 1)).isSameAs(now);
	}

	@Test
	void nothingComesOutBeforeItsDeadline() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		Node node = new Node(123_456_789, 1);
		wheel.add(node);
		assertThat(wheel.peek(123_456_788)).isNull();
		assertThat(wheel.nextDeadline(123_456_788)).isLessThanOrEqualTo(123_456_789);
		assertThat(wheel.peek(123_456_788)).isNull();
		assertThat(wheel.nextDeadline(123_456_788)).isEqualTo(123_456_789);
		assertThat(wheel.peek(123_456_789)).isSameAs(node);
	}

	@Test
	void extremeDeadlinesComeOutInOrder() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		Node last = new Node(MAX_DEADLINE, 1);
		Node first = new Node(0, 2);
		Node middle = new Node(1L << 40, 3);
		wheel.add(last);
		wheel.add(first);
		wheel.add(middle);
		assertThat(drain(wheel, MAX_DEADLINE)).containsExactly(first, middle, last);
	}

	@Test
	void aNodeIsInOneWheelOnce() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		Node node = new Node(10, 1);
		wheel.add(node);
		assertThatIllegalStateException().isThrownBy(() -> wheel.add(node)).withMessageContaining("already");
		assertThat(wheel.size()).isOne();
		assertThat(wheel.remove(node)).isTrue();
		assertThat(wheel.remove(node)).isFalse();
		assertThat(node.isQueued()).isFalse();
		assertThat(wheel.size()).isZero();
		assertThat(wheel.nextDeadline(123_456_788)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void removeIfForEachAndClearSeeEveryNode() {
		TimerWheel<Node> wheel = new TimerWheel<>();
		Random random = new Random(3);
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			Node node = new Node(randomDelay(random), i);
			nodes.add(node);
			wheel.add(node);
		}
		assertThat(wheel.peek(1_000)).isNotNull(); // some in the ready list, the rest in slots
		Set<Node> seen = new HashSet<>();
		wheel.forEach(seen::add);
		assertThat(seen).containsExactlyInAnyOrderElementsOf(nodes);
		assertThat(wheel.removeIf((node) -> node.sequence % 2 == 0)).isEqualTo(5_000);
		assertThat(wheel.size()).isEqualTo(5_000);
		List<Node> rest = wheel.clear();
		assertThat(rest).hasSize(5_000).allMatch((node) -> node.sequence % 2 == 1 && !node.isQueued());
		assertThat(wheel.size()).isZero();
		assertThat(wheel.peek(MAX_DEADLINE)).isNull();
	}

	@Test
	void deadlinesThatGrowWithoutRepositionComeOutNeverEarlyAndAtMostALevelZeroSlotLate() {
		Random random = new Random(5);
		TimerWheel<Node> wheel = new TimerWheel<>();
		Set<Node> pending = new HashSet<>();
		long now = 0;
		long sequence = 0;
		long slot = 1L << TimerWheel.DEFAULT_RESOLUTION_BITS;
		for (int step = 0; step < 300_000; step++) {
			int op = random.nextInt(10);
			if (op < 5 || pending.isEmpty()) {
				Node node = new Node(Math.min(MAX_DEADLINE, now + randomDelay(random)), sequence++);
				wheel.add(node);
				pending.add(node);
			}
			else if (op < 8) {
				Node node = pending.iterator().next();
				node.deadline = Math.min(MAX_DEADLINE, node.deadline + randomDelay(random)); // no reposition
			}
			else {
				now = Math.min(MAX_DEADLINE, now + randomStep(random));
				Node node;
				while ((node = wheel.peek(now)) != null) {
					assertThat(node.deadline).isLessThanOrEqualTo(now);
					assertThat(pending.remove(node)).isTrue();
					wheel.remove(node);
				}
				if (random.nextInt(100) == 0) {
					for (Node left : pending) {
						assertThat(left.deadline).isGreaterThan(now - slot);
					}
				}
			}
			assertThat(wheel.size()).isEqualTo(pending.size());
		}
		assertThat(drain(wheel, MAX_DEADLINE)).containsExactlyInAnyOrderElementsOf(pending);
	}

	@Test
	void aMidSizedSlotAfterABurstsScratchWasGivenBackIsSortedWhole() {
		// Retention of 1,000 units: the scratch arrays of a burst of 5,000 are given back at the next sort after
		// that, which must still have room for a slot of 100 (more than the 64 a small run starts with).
		TimerWheel<Node> wheel = new TimerWheel<>(TimerWheel.DEFAULT_RESOLUTION_BITS, 1_000);
		List<Node> burst = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			burst.add(new Node(1_000_000L + (i % 7), i));
		}
		burst.forEach(wheel::add);
		assertThat(drain(wheel, 2_000_000L)).hasSize(5_000);
		List<Node> slot = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			slot.add(new Node(50_000_000L + (99 - i), 10_000 + i));
		}
		slot.forEach(wheel::add);
		List<Node> expected = new ArrayList<>(slot);
		expected.sort(ORDER);
		assertThat(drain(wheel, 60_000_000L)).containsExactlyElementsOf(expected);
	}

	private static List<Node> drain(TimerWheel<Node> wheel, long now) {
		List<Node> out = new ArrayList<>();
		Node node;
		while ((node = wheel.peek(now)) != null) {
			wheel.remove(node);
			out.add(node);
		}
		return out;
	}

	/** Delays from 0 to the whole range, roughly even over the wheel's levels. */
	static long randomDelay(Random random) {
		int bits = random.nextInt(63);
		return (bits == 0) ? 0 : random.nextLong() & ((1L << bits) - 1);
	}

	static long randomStep(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> random.nextInt(2_000);
			case 2 -> random.nextInt(1 << 20);
			default -> randomDelay(random) >>> random.nextInt(30);
		};
	}

	/**
	 * Runs one random sequence of operations on a wheel and on the model, comparing after each.
	 */
	private static final class Model {

		private final Random random;

		private final TimerWheel<Node> wheel;

		private final TreeSet<Node> reference = new TreeSet<>(ORDER);

		private final List<Node> nodes = new ArrayList<>();

		private final Set<Long> sequences = new HashSet<>();

		private long now;

		private long sequence;

		Model(long seed, int resolutionBits) {
			this.random = new Random(seed);
			this.wheel = new TimerWheel<>(resolutionBits, 1_000);
		}

		void run(int operations) {
			for (int i = 0; i < operations; i++) {
				int op = this.random.nextInt(100);
				if (op < 45 || this.nodes.isEmpty()) {
					add();
				}
				else if (op < 60) {
					remove();
				}
				else if (op < 70) {
					move();
				}
				else if (op < 75) {
					growUnannounced();
				}
				else if (op == 75 && this.random.nextInt(4) == 0) {
					burstIntoTheCurrentSlot();
				}
				else {
					advance();
				}
				assertThat(this.wheel.size()).isEqualTo(this.reference.size());
			}
			this.now = MAX_DEADLINE;
			pollDue();
			assertThat(this.wheel.size()).isZero();
		}

		private void add() {
			long deadline = Math.min(MAX_DEADLINE, this.now + randomDelay(this.random));
			if (this.random.nextInt(10) == 0) {
				deadline = Math.max(0, this.now - this.random.nextInt(5_000)); // already overdue
			}
			add(deadline);
		}

		/**
		 * Many nodes due in the slot the wheel stands in, after it was emptied (a burst still arriving when its
		 * slot's time came): they go to the late heap and are sorted into the run once there are enough of them.
		 */
		private void burstIntoTheCurrentSlot() {
			int bits = this.wheel.resolutionBits();
			long slotStart = (this.wheel.cursor() >>> bits) << bits;
			int count = 64 + this.random.nextInt(400);
			for (int i = 0; i < count; i++) {
				add(slotStart + (this.random.nextLong() & ((1L << bits) - 1)));
			}
		}

		private void add(long deadline) {
			// Sequence numbers mostly in order, sometimes before the last ones (calls handed over by several threads).
			long sequence = 1_000 * this.sequence++;
			if (this.random.nextInt(20) == 0) {
				do {
					sequence = 1_000 * this.sequence - 1 - this.random.nextInt(100_000);
				}
				while (!this.sequences.add(sequence));
			}
			else {
				this.sequences.add(sequence);
			}
			Node node = new Node(deadline, sequence);
			this.wheel.add(node);
			this.reference.add(node);
			node.index = this.nodes.size();
			this.nodes.add(node);
		}

		private Node pick() {
			return this.nodes.get(this.random.nextInt(this.nodes.size()));
		}

		private void forget(Node node) {
			Node last = this.nodes.remove(this.nodes.size() - 1);
			if (last != node) {
				this.nodes.set(node.index, last);
				last.index = node.index;
			}
		}

		private void remove() {
			Node node = pick();
			assertThat(this.wheel.remove(node)).isTrue();
			assertThat(this.reference.remove(node)).isTrue();
			forget(node);
		}

		private void move() {
			Node node = pick();
			this.reference.remove(node);
			node.deadline = switch (this.random.nextInt(3)) {
				case 0 -> Math.max(0, node.deadline - this.random.nextInt(1 << 22));
				case 1 -> Math.min(MAX_DEADLINE, this.now + randomDelay(this.random));
				default -> Math.min(MAX_DEADLINE, node.deadline + this.random.nextInt(3_000));
			};
			this.reference.add(node);
			this.wheel.reposition(node);
		}

		/**
		 * A later deadline needs no call: the wheel finds out when the node comes to the front, and a node it holds
		 * at its old place must still be found when removed or moved.
		 */
		private void growUnannounced() {
			Node node = pick();
			this.reference.remove(node);
			node.deadline = Math.min(MAX_DEADLINE, node.deadline + 1 + this.random.nextInt(
					(this.random.nextBoolean()) ? 3_000 : 1 << 30));
			this.reference.add(node);
		}

		private void advance() {
			this.now = Math.min(MAX_DEADLINE, this.now + randomStep(this.random));
			pollDue();
		}

		private void pollDue() {
			for (;;) {
				Node expected = this.reference.isEmpty() ? null : this.reference.first();
				if (expected != null && expected.deadline > this.now) {
					expected = null;
				}
				Node actual = this.wheel.peek(this.now);
				assertThat(actual).isSameAs(expected);
				if (actual == null) {
					break;
				}
				this.wheel.remove(actual);
				this.reference.remove(actual);
				forget(actual);
			}
			if (!this.reference.isEmpty()) {
				// A lower bound of the next deadline, never past it: the reactor sleeps until then.
				long next = this.wheel.nextDeadline(this.now);
				assertThat(next).isGreaterThan(this.now).isLessThanOrEqualTo(this.reference.first().deadline);
			}
			else {
				assertThat(this.wheel.nextDeadline(123_456_788)).isEqualTo(Long.MAX_VALUE);
			}
		}

	}

	static final class Node extends TimerNode {

		long deadline;

		long sequence;

		int index;

		Node(long deadline, long sequence) {
			this.deadline = deadline;
			this.sequence = sequence;
		}

		@Override
		protected long deadline() {
			return this.deadline;
		}

		@Override
		protected long sequence() {
			return this.sequence;
		}

		@Override
		public String toString() {
			return "Node[" + this.deadline + ", " + this.sequence + "]";
		}

	}

}
