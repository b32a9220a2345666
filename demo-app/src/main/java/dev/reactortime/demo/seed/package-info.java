/**
 * The examples of Twisted's "Scheduling tasks for the future", one class each, written with the injected
 * {@code Reactor} as the seed writes them in Python; each prints exactly what the seed prints.
 */
@NullMarked
package dev.reactortime.demo.seed;

import org.jspecify.annotations.NullMarked;
