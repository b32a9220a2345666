package dev.reactortime;

/**
 * A monotonic source of nanoseconds (package-private: the real reactor reads {@link System#nanoTime()}; tests
 * substitute a hand-moved one).
 */
interface Ticker {

	Ticker SYSTEM = System::nanoTime;

	long read();

}
