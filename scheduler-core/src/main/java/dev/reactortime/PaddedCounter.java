package dev.reactortime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An atomic {@code long} alone on its cache line: other threads increment it on every call they schedule or cancel,
 * and an {@code AtomicLong} shares its line with whatever was allocated beside it (the reactor thread's own fields
 * among them), so each write would also evict a line the reactor is using, and each of the reactor's writes would
 * cost the next increment a miss. The padding sits in superclasses, because the JVM lays out a class's own fields as
 * it likes but a superclass's fields before a subclass's.
 */
final class PaddedCounter extends PaddedCounterValue {

	private static final VarHandle VALUE;

	static {
		try {
			VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused")
	private long p10, p11, p12, p13, p14, p15, p16, p17;

	PaddedCounter(long initial) {
		VALUE.setRelease(this, initial);
	}

	long get() {
		return this.value;
	}

	long getAndIncrement() {
		return (long) VALUE.getAndAdd(this, 1L);
	}

	long incrementAndGet() {
		return (long) VALUE.getAndAdd(this, 1L) + 1;
	}

}

/** Padding before the value. */
abstract class PaddedCounterPadding {

	@SuppressWarnings("unused")
	private long p00, p01, p02, p03, p04, p05, p06, p07;

}

/** The value, between the paddings. */
abstract class PaddedCounterValue extends PaddedCounterPadding {

	volatile long value;

}
