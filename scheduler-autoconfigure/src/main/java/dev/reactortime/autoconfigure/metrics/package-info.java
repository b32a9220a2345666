/**
 * Micrometer support for reactortime: {@link dev.reactortime.autoconfigure.metrics.ReactorMetrics} (timers of lag and
 * duration, the pending gauge, counters of cancelled calls, skipped intervals and watchdog reports) and an
 * {@code Observation} around every call, each with its auto-configuration.
 */
@NullMarked
package dev.reactortime.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
