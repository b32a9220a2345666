package dev.reactortime.demo.seed;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A short account of an exception, after Twisted's {@code Failure.getBriefTraceback()}: a first line with the
 * exception's class and message, then one {@code file:line:method} line per frame.
 *
 * <p>Unlike Twisted, which lists frames outermost first, the frames are in Java's order, innermost (where the
 * exception was thrown) first, and only the first few are kept: past them lie the reactor's and the JDK's frames,
 * which say nothing about the failure.
 */
public final class BriefTraceback {

	/** Frames shown: the throwing method and the reactor frames that called it. */
	static final int FRAMES = 3;

	private BriefTraceback() {
	}

	/**
	 * The brief traceback of {@code failure}, unwrapped from the {@link CompletionException} or
	 * {@link ExecutionException} that a future may have put around it.
	 * @param failure the exception
	 * @return the traceback, lines separated by {@code \n}, without a final line break
	 */
	public static String of(Throwable failure) {
		Throwable cause = unwrap(failure);
		StringBuilder traceback = new StringBuilder("Traceback: ").append(cause.getClass().getName());
		if (cause.getMessage() != null) {
			traceback.append(": ").append(cause.getMessage());
		}
		StackTraceElement[] frames = cause.getStackTrace();
		for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
			StackTraceElement frame = frames[i];
			traceback.append('\n')
				.append((frame.getFileName() != null) ? frame.getFileName() : frame.getClassName())
				.append(':')
				.append(frame.getLineNumber())
				.append(':')
				.append(frame.getMethodName());
		}
		return traceback.toString();
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
