/**
 * Spring Boot auto-configuration for reactortime: the {@link dev.reactortime.Reactor} bean started and closed with
 * the application context, {@link dev.reactortime.autoconfigure.ReactortimeProperties} under {@code reactortime.*},
 * and the post-processor that turns {@code @CallLater} and {@code @Looping} bean methods into delayed and looping
 * calls.
 */
@NullMarked
package dev.reactortime.autoconfigure;

import org.jspecify.annotations.NullMarked;
