package dev.reactortime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap against {@link PriorityQueue} on random operations: adds, polls, keys lowered in place, cancels and
 * purges. Time is passed in, as in Agrona's timer wheel tests: nothing here reads a clock.
 */
class CallHeapTests {

	private final VirtualTimeReactor engine = new VirtualTimeReactor();

	private final CallSite site = new CallSite(this.engine, CallKind.CALL, CallOptions.DEFAULT);

	private long ids;

	private ScheduledCall call(long due) {
		return new ScheduledCall(this.site, ++this.ids, due, () -> {
		});
	}

	private static final Comparator<ScheduledCall> ORDER = Comparator.comparingLong((ScheduledCall c) -> c.heapKey)
		.thenComparingLong((c) -> c.id);

	@Test
	void pollsInDueThenSchedulingOrderUnderRandomOperations() {
		Random random = new Random(42);
		CallHeap heap = new CallHeap();
		PriorityQueue<ScheduledCall> reference = new PriorityQueue<>(ORDER);
		List<ScheduledCall> live = new ArrayList<>();
		for (int step = 0; step < 200_000; step++) {
			int op = random.nextInt(10);
			if (op < 5 || live.isEmpty()) {
				ScheduledCall call = call(random.nextInt(1000));
				heap.add(call);
				reference.add(call);
				live.add(call);
			}
			else if (op < 7) {
				ScheduledCall polled = heap.poll();
				assertThat(polled).isSameAs(reference.poll());
				assertThat(polled.heapIndex).isEqualTo(-1);
				live.remove(polled);
			}
			else if (op < 9) {
				ScheduledCall call = live.get(random.nextInt(live.size()));
				reference.remove(call);
				call.heapKey = Math.max(0, call.heapKey - random.nextInt(100));
				heap.keyDecreased(call);
				reference.add(call);
			}
			else {
				ScheduledCall call = live.remove(random.nextInt(live.size()));
				call.tryCancel();
				reference.remove(call);
				if (random.nextInt(4) == 0) {
					heap.purgeCancelled();
				}
			}
			while (!heap.isEmpty() && !heap.peek().isPending()) {
				heap.poll();
			}
			assertThat(heap.peek()).isSameAs(reference.peek());
		}
	}

	@Test
	void purgingDropsEveryCancelledCallAndKeepsTheOrder() {
		CallHeap heap = new CallHeap();
		List<ScheduledCall> kept = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			ScheduledCall call = call(10_000 - i);
			heap.add(call);
			if (i % 3 == 0) {
				kept.add(call);
			}
			else {
				call.tryCancel();
			}
		}
		assertThat(heap.purgeCancelled()).isEqualTo(10_000 - kept.size());
		assertThat(heap.size()).isEqualTo(kept.size());
		kept.sort(ORDER);
		for (ScheduledCall call : kept) {
			assertThat(heap.poll()).isSameAs(call);
		}
		assertThat(heap.isEmpty()).isTrue();
	}

	@Test
	void callsDueTogetherComeOutInSchedulingOrder() {
		CallHeap heap = new CallHeap();
		List<ScheduledCall> calls = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ScheduledCall call = call(7);
			calls.add(call);
			heap.add(call);
		}
		for (ScheduledCall call : calls) {
			assertThat(heap.poll()).isSameAs(call);
		}
	}

}
