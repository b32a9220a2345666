package dev.reactortime.autoconfigure.metrics;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of the {@code reactortime.call} observation: named {@value #NAME}, with the call's name as
 * the contextual name (the span name in traces) and three low-cardinality keys: {@code name}, {@code kind}
 * ({@code call}, {@code looping}, {@code deferred}) and {@code outcome} ({@code success} or {@code error}; {@code unknown}
 * while the call runs). Arguments and return values never appear.
 */
public class DefaultReactorCallObservationConvention implements ReactorCallObservationConvention {

	/** Name of the observation. */
	public static final String NAME = "reactortime.call";

	static final String OUTCOME_UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ReactorCallObservationContext context) {
		return context.getCall().name();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ReactorCallObservationContext context) {
		return KeyValues.of(KeyValue.of(ReactorMetrics.TAG_NAME, context.getCall().name()),
				KeyValue.of(ReactorMetrics.TAG_KIND, context.getCall().kind().tag()),
				KeyValue.of(ReactorMetrics.TAG_OUTCOME, outcome(context)));
	}

	private static String outcome(ReactorCallObservationContext context) {
		if (!context.isFinished()) {
			return OUTCOME_UNKNOWN;
		}
		return (context.getError() != null) ? ReactorMetrics.OUTCOME_ERROR : ReactorMetrics.OUTCOME_SUCCESS;
	}

}
