package dev.reactortime;

import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * Helpers for the outcome of a {@code CompletionStage}.
 */
final class Stages {

	private Stages() {
	}

	/**
	 * The exception a stage failed with: dependent stages wrap it in a {@link CompletionException}.
	 * @param error what {@code whenComplete} received
	 * @return the cause of a {@code CompletionException}, otherwise {@code error}
	 */
	static @Nullable Throwable unwrap(@Nullable Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
