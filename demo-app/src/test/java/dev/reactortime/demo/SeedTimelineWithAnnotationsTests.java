package dev.reactortime.demo;

import org.springframework.test.context.TestPropertySource;

/**
 * The seed's timeline with {@code @CallLater} and {@code @Looping} in place of the {@code Reactor} calls where they
 * fit: the same lines at the same instants.
 */
@TestPropertySource(properties = "demo.style=annotations")
class SeedTimelineWithAnnotationsTests extends SeedTimelineTests {

}
