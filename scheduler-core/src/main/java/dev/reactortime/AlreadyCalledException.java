package dev.reactortime;

/**
 * Thrown by {@link DelayedCall#cancel()}, {@link DelayedCall#delay} and {@link DelayedCall#reset} when the
 * call has already run or is running (Twisted's {@code AlreadyCalled}).
 */
public class AlreadyCalledException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public AlreadyCalledException(String message) {
		super(message);
	}

}
