package dev.reactortime;

import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The three shapes of a loop body (plain, {@code withCount}, asynchronous) behind one call.
 */
interface LoopBody {

	/**
	 * Calls the body.
	 * @param count the intervals passed since the last call (only a {@code withCount} body uses it)
	 * @return a stage that completes when the body is done, or {@code null} if it is done now
	 * @throws Exception whatever the body throws
	 */
	@Nullable CompletionStage<?> invoke(int count) throws Exception;

	/**
	 * Whether the body takes the count (and so is skipped when no interval has passed).
	 */
	default boolean counts() {
		return false;
	}

	static LoopBody of(Runnable body) {
		return (count) -> {
			body.run();
			return null;
		};
	}

	static LoopBody withCount(IntConsumer body) {
		return new LoopBody() {

			@Override
			public @Nullable CompletionStage<?> invoke(int count) {
				body.accept(count);
				return null;
			}

			@Override
			public boolean counts() {
				return true;
			}

		};
	}

	static LoopBody async(Supplier<? extends CompletionStage<?>> body) {
		return (count) -> {
			CompletionStage<?> stage = body.get();
			if (stage == null) {
				throw new NullPointerException("Asynchronous loop body returned null instead of a CompletionStage");
			}
			return stage;
		};
	}

}
