/**
 * The reactortime demo application: the seed document's examples, a few long-running loops and far-off calls, and
 * Actuator with Prometheus.
 */
@NullMarked
package dev.reactortime.demo;

import org.jspecify.annotations.NullMarked;
