package dev.reactortime;

/**
 * Thrown by {@link DelayedCall#cancel()}, {@link DelayedCall#delay} and {@link DelayedCall#reset} when the
 * call has already been cancelled (Twisted's {@code AlreadyCancelled}).
 */
public class AlreadyCancelledException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public AlreadyCancelledException(String message) {
		super(message);
	}

}
