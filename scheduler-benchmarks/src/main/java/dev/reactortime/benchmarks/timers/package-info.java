/**
 * One adapter, {@link dev.reactortime.benchmarks.timers.TimerAdapter}, over the reactor and each peer, so every scenario drives them all the same way.
 */
@NullMarked
package dev.reactortime.benchmarks.timers;

import org.jspecify.annotations.NullMarked;
