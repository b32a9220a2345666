/**
 * Long-running loops and far-off calls that keep the application busy after the seed's examples have finished, so
 * that the {@code delayedcalls} and {@code loopingcalls} endpoints and the {@code reactortime.*} meters have
 * something to show.
 */
@NullMarked
package dev.reactortime.demo.background;

import org.jspecify.annotations.NullMarked;
