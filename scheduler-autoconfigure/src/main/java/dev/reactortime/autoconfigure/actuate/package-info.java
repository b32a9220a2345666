/**
 * Actuator endpoints of reactortime: {@code delayedcalls} lists and cancels pending calls, {@code loopingcalls} lists,
 * stops, starts and resets loops. Both are read-only unless their access is raised.
 */
@NullMarked
package dev.reactortime.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
