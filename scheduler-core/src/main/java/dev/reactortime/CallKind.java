package dev.reactortime;

import java.util.Locale;

/**
 * What scheduled a {@link DelayedCall}: a plain {@code callLater}, one tick of a {@link LoopingCall}, or a
 * {@code deferLater}. Metrics and endpoints show it as the lower-case {@link #tag()}.
 */
public enum CallKind {

	/** A call made by {@code callLater}. */
	CALL,

	/** The pending tick of a {@link LoopingCall}. */
	LOOPING,

	/** A call made by {@code deferLater}, completing a future. */
	DEFERRED;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/**
	 * The value used for the {@code kind} tag of meters and in endpoint responses.
	 * @return {@code call}, {@code looping} or {@code deferred}
	 */
	public String tag() {
		return this.tag;
	}

}
