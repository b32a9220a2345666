package dev.reactortime;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * What the calls of one origin share: their reactor, kind and options. Kept apart from {@link ScheduledCall} so
 * that a pending call stays small (calls of a loop or of a reactor's unnamed {@code callLater} share one site).
 */
final class CallSite {

	final ReactorEngine engine;

	final CallKind kind;

	final CallOptions options;

	CallSite(ReactorEngine engine, CallKind kind, CallOptions options) {
		this.engine = engine;
		this.kind = kind;
		this.options = options;
	}

	@Nullable Executor executor() {
		return this.options.executor();
	}

}
