/**
 * JMH benchmarks: scenario A (schedule + cancel with 1,000,000 pending) and B (reschedule 1 ms later).
 */
@NullMarked
package dev.reactortime.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
