package dev.reactortime.autoconfigure.durable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidDurableTaskException} as Spring Boot's "APPLICATION FAILED TO START" box. Registered in
 * {@code META-INF/spring.factories}.
 */
class InvalidDurableTaskFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDurableTaskException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDurableTaskException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
