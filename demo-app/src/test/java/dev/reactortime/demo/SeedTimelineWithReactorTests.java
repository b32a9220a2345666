package dev.reactortime.demo;

import org.springframework.test.context.TestPropertySource;

/**
 * The seed's timeline with the examples written against the injected {@code Reactor} (the default style).
 */
@TestPropertySource(properties = "demo.style=reactor")
class SeedTimelineWithReactorTests extends SeedTimelineTests {

}
