package dev.reactortime.demo.seed;

import dev.reactortime.annotation.CallLater;

import org.springframework.stereotype.Component;

/**
 * {@link HelloLater} as an annotation: {@code @CallLater(delay = "3.5s")} runs the method once, 3.5 s after the
 * application started.
 */
@Component
@AnnotationStyle
final class AnnotatedHelloLater {

	// Annotated methods take no arguments, so the seed's argument moves into the body.
	@CallLater(delay = "3.5s", name = "hello-later")
	void f() {
		HelloLater.f("hello, world");
	}

}
