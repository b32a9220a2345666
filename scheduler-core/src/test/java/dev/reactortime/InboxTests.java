package dev.reactortime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-producer, single-consumer inbox: nothing lost, nothing duplicated, each producer's order kept.
 */
class InboxTests {

	@Test
	void everyOfferFromFourProducersIsPolledOnceInEachProducersOrder() throws InterruptedException {
		Inbox inbox = new Inbox();
		int producers = 4;
		int perProducer = 250_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			int producer = p;
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < perProducer; i++) {
					inbox.offer(new long[] { producer, i });
				}
			});
			threads.add(thread);
			thread.start();
		}
		start.countDown();
		long[] next = new long[producers];
		int polled = 0;
		while (polled < producers * perProducer) {
			Object item = inbox.poll();
			if (item == null) {
				Thread.onSpinWait();
				continue;
			}
			long[] pair = (long[]) item;
			assertThat(pair[1]).isEqualTo(next[(int) pair[0]]);
			next[(int) pair[0]]++;
			polled++;
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(inbox.poll()).isNull();
		assertThat(inbox.isEmpty()).isTrue();
		assertThat(next).containsOnly(perProducer);
	}

	@Test
	void pollAllWaitsForAProducerCaughtBetweenItsExchangeAndItsLinkAndSeesEveryOfferBehindIt() throws Exception {
		Inbox inbox = new Inbox();
		inbox.offer("before");
		Inbox.Node stalled = new Inbox.Node("stalled");
		Inbox.Node previous = inbox.exchange(stalled); // a producer preempted here hides every later offer
		inbox.offer("after");
		List<Object> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread consumer = new Thread(() -> inbox.pollAll(polled::add));
		consumer.start();
		consumer.join(200);
		assertThat(consumer.isAlive()).as("pollAll waits for the stalled producer").isTrue();
		assertThat(polled).containsExactly("before");
		previous.set(stalled); // the producer runs again and links its node
		consumer.join(10_000);
		assertThat(consumer.isAlive()).isFalse();
		assertThat(polled).containsExactly("before", "stalled", "after");
		assertThat(inbox.isEmpty()).isTrue();
	}

}
