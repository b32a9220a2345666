package dev.reactortime.durable;

import java.time.Instant;

/** Payload types of the tests. */
final class Payloads {

	private Payloads() {
	}

	/** A reminder for an order, due at a wall-clock time the test checks lag against. */
	record Reminder(String order, Instant dueAt) {
	}

}
