package dev.reactortime.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} of the {@code reactortime.call} observation. A bean of this type replaces
 * {@link DefaultReactorCallObservationConvention}.
 */
public interface ReactorCallObservationConvention extends ObservationConvention<ReactorCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ReactorCallObservationContext;
	}

}
